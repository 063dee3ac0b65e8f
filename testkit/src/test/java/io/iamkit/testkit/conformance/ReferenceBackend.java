package io.iamkit.testkit.conformance;

import io.iamkit.api.Availability;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.spi.Backend;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.api.state.StateDiff;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A small backend that exists only in the testkit's tests, to prove that the conformance suite
 * runs, passes against a backend that does the right thing, and reports gaps. It converges a user
 * with plain IAM calls and remembers, per {@code metadata.name}, the user name and key it made in a
 * file under the deployment's state directory. Not a product backend: no retries, no events.
 */
public final class ReferenceBackend implements Backend {

  public static final String NAME = "reference-test";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Availability availability() {
    return Availability.available();
  }

  private record State(String userName, String keyId) { }

  private record Clients(IamClient iam, SecretsManagerClient sm) implements AutoCloseable {
    @Override
    public void close() {
      iam.close();
      sm.close();
    }
  }

  private static Clients clients(BackendContext ctx) {
    AwsClientFactory f = AwsClientFactory.forTarget(ctx.target());
    return new Clients(f.iam(), f.secretsManager());
  }

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext ctx, ValidatedUser user) {
    try (Clients c = clients(ctx)) {
      Option<State> state = readState(ctx, user);
      return Either.right(StateDiff.plan(user.user(), LiveUserReader.of(c.iam()).read(user.userName()),
          state.map(State::keyId).filter(k -> !k.isEmpty())));
    }
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext ctx, ValidatedUser user) {
    AwsIamUserSpec spec = user.spec();
    String name = spec.getUserName();
    try (Clients c = clients(ctx)) {
      IamClient iam = c.iam();
      LiveUserReader reader = LiveUserReader.of(iam);
      Option<State> state = readState(ctx, user);
      Option<LiveUser> live = reader.read(name);
      if (live.isEmpty() && state.isDefined() && !state.get().userName().equals(name)
          && reader.read(state.get().userName()).isDefined()) {
        String old = state.get().userName();
        iam.updateUser(r -> r.userName(old).newUserName(name));
        live = reader.read(name);
      }
      Option<String> ownKey = state.map(State::keyId).filter(k -> !k.isEmpty());
      Plan plan = StateDiff.plan(user.user(), live, ownKey);
      boolean created = live.isEmpty();
      if (created) {
        java.util.List<Tag> tags = StateDiff.expectedTags(user.user())
            .map(t -> Tag.builder().key(t._1).value(t._2).build()).toJavaList();
        iam.createUser(r -> r.userName(name).path(StateDiff.expectedPath(spec)).tags(tags));
        live = reader.readAfterCreate(name);
      }
      LiveUser now = live.get();
      try {
        for (String arn : spec.getManagedPolicyArnsList()) {
          if (!now.managedPolicyArns().contains(arn)) {
            iam.attachUserPolicy(r -> r.userName(name).policyArn(arn));
          }
        }
      } catch (AwsServiceException e) {
        if (created) {
          destroyUser(iam, user.user(), name);
        }
        return Either.left(rejected(e, "managed policy of " + name + " (" + spec.getManagedPolicyArnsList() + ")"));
      }
      for (String arn : now.managedPolicyArns()) {
        if (!spec.getManagedPolicyArnsList().contains(arn)) {
          iam.detachUserPolicy(r -> r.userName(name).policyArn(arn));
        }
      }
      Map<String, String> expectedTags = StateDiff.expectedTags(user.user());
      java.util.List<String> extraTags = now.tags().keySet().filter(k -> !k.startsWith("aws:"))
          .filter(k -> !expectedTags.containsKey(k)).toJavaList();
      if (!extraTags.isEmpty()) {
        iam.untagUser(r -> r.userName(name).tagKeys(extraTags));
      }
      LiveUser snapshot = now;
      java.util.List<Tag> changedTags = expectedTags
          .filter(t -> !snapshot.tags().get(t._1).contains(t._2))
          .map(t -> Tag.builder().key(t._1).value(t._2).build()).toJavaList();
      if (!changedTags.isEmpty()) {
        iam.tagUser(r -> r.userName(name).tags(changedTags));
      }
      spec.getInlinePoliciesMap().forEach((policyName, doc) -> {
        PolicyDocument expected = PolicyDocument.of(doc);
        Option<String> actual = snapshot.inlinePolicies().get(policyName);
        if (actual.isEmpty() || !PolicyDocument.equivalent(actual.get(), expected.toJson())) {
          iam.putUserPolicy(r -> r.userName(name).policyName(policyName).policyDocument(expected.toJson()));
        }
      });
      for (String policyName : now.inlinePolicies().keySet()) {
        if (!spec.getInlinePoliciesMap().containsKey(policyName)) {
          iam.deleteUserPolicy(r -> r.userName(name).policyName(policyName));
        }
      }
      List<LiveAccessKey> keys = List.ofAll(now.accessKeys()).sortBy(LiveAccessKey::created);
      Option<LiveAccessKey> own = spec.getDisableAccessKeys() ? Option.none()
          : ownKey.isDefined() ? keys.find(k -> k.accessKeyId().equals(ownKey.get())) : keys.headOption();
      for (LiveAccessKey k : keys) {
        if (own.isEmpty() || !own.get().accessKeyId().equals(k.accessKeyId())) {
          iam.deleteAccessKey(r -> r.userName(name).accessKeyId(k.accessKeyId()));
        }
      }
      Option<Secret> secret = Option.none();
      String keyId = "";
      if (own.isDefined()) {
        keyId = own.get().accessKeyId();
        if (!own.get().isActive()) {
          String id = keyId;
          iam.updateAccessKey(r -> r.userName(name).accessKeyId(id).status(StatusType.ACTIVE));
        }
      } else if (!spec.getDisableAccessKeys()) {
        AccessKey k = iam.createAccessKey(r -> r.userName(name)).accessKey();
        keyId = k.accessKeyId();
        secret = Option.of(Secret.of(k.secretAccessKey()));
      }
      String secretArn = "";
      if (spec.hasSecretDelivery() && !spec.getSecretDelivery().getSecretName().isEmpty()) {
        String secretName = spec.getSecretDelivery().getSecretName();
        if (secret.isDefined()) {
          String value = "{\"accessKeyId\":\"" + keyId + "\",\"secretAccessKey\":\"" + secret.get().reveal() + "\"}";
          try {
            c.sm().putSecretValue(r -> r.secretId(secretName).secretString(value));
          } catch (ResourceNotFoundException e) {
            c.sm().createSecret(r -> r.name(secretName).secretString(value));
          }
          secret = Option.none();
        }
        secretArn = c.sm().describeSecret(r -> r.secretId(secretName)).arn();
      }
      writeState(ctx, user, new State(name, keyId));

      Option<LiveUser> after = reader.read(name);
      DriftReport check = StateDiff.drift(user.user(), after, Option.of(keyId).filter(k -> !k.isEmpty()));
      if (!check.isEmpty()) {
        return Either.left(new DeploymentError.VerificationFailed(check.differences()));
      }
      AwsIamUserOutputs outputs = AwsIamUserOutputs.newBuilder().setUserName(name)
          .setUserArn(after.get().arn()).setUserId(after.get().userId()).setAccessKeyId(keyId)
          .setSecretArn(secretArn).build();
      return Either.right(new Deployment(outputs, plan, secret, List.empty()));
    } catch (AwsServiceException e) {
      return Either.left(rejected(e, name));
    }
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext ctx, ValidatedUser user) {
    try (Clients c = clients(ctx)) {
      Option<State> state = readState(ctx, user);
      return Either.right(LiveUserReader.of(c.iam()).read(user.userName()).map(u ->
          AwsIamUserOutputs.newBuilder().setUserName(u.userName()).setUserArn(u.arn()).setUserId(u.userId())
              .setAccessKeyId(user.spec().getDisableAccessKeys() ? ""
                  : state.map(State::keyId).getOrElse(""))
              .build()));
    }
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext ctx, ValidatedUser user) {
    try (Clients c = clients(ctx)) {
      Option<State> state = readState(ctx, user);
      return Either.right(StateDiff.drift(user.user(), LiveUserReader.of(c.iam()).read(user.userName()),
          state.map(State::keyId).filter(k -> !k.isEmpty())));
    }
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext ctx, ValidatedUser user) {
    try (Clients c = clients(ctx)) {
      DestroyReport report = destroyUser(c.iam(), user.user(), user.userName());
      AwsIamUserSpec spec = user.spec();
      if (spec.hasSecretDelivery() && !spec.getSecretDelivery().getSecretName().isEmpty()) {
        String secretName = spec.getSecretDelivery().getSecretName();
        try {
          c.sm().deleteSecret(r -> r.secretId(secretName).forceDeleteWithoutRecovery(true));
          report = DestroyReport.removed(user.userName(), report.removed()
              .append(new DestroyReport.Removed(ResourceKind.SECRET, secretName, false)));
        } catch (ResourceNotFoundException e) {
          // already gone
        }
      }
      deleteState(ctx, user);
      return Either.right(report);
    } catch (AwsServiceException e) {
      return Either.left(rejected(e, user.userName()));
    }
  }

  private static DestroyReport destroyUser(IamClient iam, AwsIamUser user, String name) {
    Option<LiveUser> live = LiveUserReader.of(iam).read(name);
    if (live.isEmpty()) {
      return DestroyReport.alreadyGone(name);
    }
    AwsIamUserSpec spec = user.getSpec();
    List<DestroyReport.Removed> removed = List.empty();
    for (LiveAccessKey k : live.get().accessKeys().sortBy(LiveAccessKey::created)) {
      iam.deleteAccessKey(r -> r.userName(name).accessKeyId(k.accessKeyId()));
      boolean own = !spec.getDisableAccessKeys() && k == live.get().accessKeys().sortBy(LiveAccessKey::created).head();
      removed = removed.append(new DestroyReport.Removed(ResourceKind.ACCESS_KEY, k.accessKeyId(), !own));
    }
    for (String policyName : live.get().inlinePolicies().keySet()) {
      iam.deleteUserPolicy(r -> r.userName(name).policyName(policyName));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.INLINE_POLICY, policyName,
          !spec.getInlinePoliciesMap().containsKey(policyName)));
    }
    for (String arn : live.get().managedPolicyArns()) {
      iam.detachUserPolicy(r -> r.userName(name).policyArn(arn));
      removed = removed.append(new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, arn,
          !spec.getManagedPolicyArnsList().contains(arn)));
    }
    iam.deleteUser(r -> r.userName(name));
    return DestroyReport.removed(name, removed.append(new DestroyReport.Removed(ResourceKind.USER, name, false)));
  }

  private static DeploymentError rejected(AwsServiceException e, String resource) {
    String code = e.awsErrorDetails() == null ? "unknown" : e.awsErrorDetails().errorCode();
    return new DeploymentError.RejectedByAws(code, resource, String.valueOf(e.awsErrorDetails() == null
        ? e.getMessage() : e.awsErrorDetails().errorMessage()));
  }

  // ---- state: one small file per metadata.name (user name and own key id; never the secret)

  /** Without a state directory the backend keeps no state (the oldest key counts as its own). */
  private static Option<Path> stateFile(BackendContext ctx, ValidatedUser user) {
    return ctx.options().stateDirectory().map(dir -> dir.resolve(user.name() + ".state"));
  }

  private static Option<State> readState(BackendContext ctx, ValidatedUser user) {
    Path f = stateFile(ctx, user).getOrNull();
    if (f == null || !Files.isRegularFile(f)) {
      return Option.none();
    }
    try {
      java.util.List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      return Option.of(new State(lines.get(0), lines.size() > 1 ? lines.get(1) : ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeState(BackendContext ctx, ValidatedUser user, State state) {
    if (stateFile(ctx, user).isEmpty()) {
      return;
    }
    try {
      Files.writeString(stateFile(ctx, user).get(), state.userName() + "\n" + state.keyId() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteState(BackendContext ctx, ValidatedUser user) {
    try {
      if (stateFile(ctx, user).isDefined()) {
        Files.deleteIfExists(stateFile(ctx, user).get());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
