package io.iamkit.backend.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployment;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DestroyReport.Removed;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.internal.StructJson;
import io.iamkit.model.IamTags;
import io.iamkit.model.ValidationOptions;
import io.iamkit.model.Validator;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The pulumi backend's own steps around the engine, against the testkit's emulator with the real AWS
 * SDK: the managed-policy check before {@code up} (C-06), the read-back after it, the secret hand-over,
 * the leftover key of a renamed user (C-03), the roll-back of a failed first deployment, drift (C-10)
 * and the out-of-band clean-up before {@code destroy} (C-01, C-02). The engine itself cannot run here:
 * a {@link ScriptedEngine} stands in for it, and where AWS must change as {@code pulumi up} or
 * {@code destroy} would change it, its step makes those IAM calls for real.
 */
@IamkitEmulator
class PulumiBackendAroundEngineIT {
  private static final String PASSPHRASE = "around-engine-test-passphrase";
  private static final Validator VALIDATOR = Validator.create(ValidationOptions.defaults());

  @TempDir Path temp;
  private final ScriptedEngine engine = new ScriptedEngine();
  private final List<ProgressEvent> events = new CopyOnWriteArrayList<>();
  private PulumiBackend backend;
  private BackendContext context;
  private IamClient iam;

  @BeforeEach
  void backend(AwsEmulator emulator) throws IOException {
    iam = emulator.iam();
    Path bin = Files.createDirectories(temp.resolve("bin"));
    Path pulumi = Files.writeString(bin.resolve("pulumi"), "#!/bin/sh\nexit 1\n");
    Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwx------"));
    backend = new PulumiBackend(Map.of("PATH", bin.toString(), "PULUMI_CONFIG_PASSPHRASE", PASSPHRASE),
        "Linux", engine);
    AwsTarget target = emulator.target();
    context = new BackendContext(target, events::add, DeployOptions.defaults().withStateDirectory(temp.resolve("state")));
  }

  private static ValidatedUser validated(AwsIamUser user) {
    return ValidatedUser.validate(user, VALIDATOR).get();
  }

  private static AwsIamUser unique(String manifest) {
    AwsIamUser user = TestManifests.load(manifest);
    return user.toBuilder()
        .setSpec(user.getSpec().toBuilder().setUserName(UniqueNames.user(user.getSpec().getUserName()))).build();
  }

  /** Makes the user in IAM as {@code pulumi up} of the program would; returns the stack's outputs. */
  private StackOutputs deployAsTheEngineWould(AwsIamUser user) {
    var spec = user.getSpec();
    String name = spec.getUserName();
    var created = iam.createUser(r -> r.userName(name).path(spec.getPath().isEmpty() ? "/" : spec.getPath())
        .tags(IamTags.effective(user).entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())).user();
    spec.getManagedPolicyArnsList().forEach(arn -> iam.attachUserPolicy(r -> r.userName(name).policyArn(arn)));
    spec.getInlinePoliciesMap().forEach((policy, doc) ->
        iam.putUserPolicy(r -> r.userName(name).policyName(policy).policyDocument(StructJson.compact(doc))));
    Map<String, StackOutputs.Value> outputs = plainOutputs(name, created.arn(), created.userId());
    if (!spec.getDisableAccessKeys()) {
      CreateAccessKeyResponse key = iam.createAccessKey(r -> r.userName(name));
      outputs.put(UserProgram.OUT_ACCESS_KEY_ID, new StackOutputs.Value(key.accessKey().accessKeyId(), false));
      outputs.put(UserProgram.OUT_SECRET_ACCESS_KEY, new StackOutputs.Value(key.accessKey().secretAccessKey(), true));
    }
    return StackOutputs.of(outputs);
  }

  private static Map<String, StackOutputs.Value> plainOutputs(String name, String arn, String id) {
    Map<String, StackOutputs.Value> outputs = new LinkedHashMap<>();
    outputs.put(UserProgram.OUT_USER_NAME, new StackOutputs.Value(name, false));
    outputs.put(UserProgram.OUT_USER_ARN, new StackOutputs.Value(arn, false));
    outputs.put(UserProgram.OUT_USER_ID, new StackOutputs.Value(id, false));
    outputs.put(UserProgram.OUT_CONSOLE_URL, new StackOutputs.Value(UserProgram.consoleUrl(arn), false));
    return outputs;
  }

  private boolean exists(String userName) {
    try {
      iam.getUser(r -> r.userName(userName));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  private List<String> keyIds(String userName) {
    return iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata().stream()
        .map(AccessKeyMetadata::accessKeyId).toList();
  }

  @Test
  void C06_anUnknownManagedPolicyFailsBeforeUpNamingItAndNothingIsMade() {
    AwsIamUser good = unique(TestManifests.COMPLIANCE_AUDITOR);
    String arn = "arn:aws:iam::aws:policy/DoesNotExistPolicy";
    AwsIamUser bad = good.toBuilder().setSpec(good.getSpec().toBuilder().addManagedPolicyArns(arn)).build();

    DeploymentError applied = backend.apply(context, validated(bad)).getLeft();
    DeploymentError previewed = backend.preview(context, validated(bad)).getLeft();

    for (DeploymentError error : List.of(applied, previewed)) {
      assertThat(error).isInstanceOfSatisfying(DeploymentError.RejectedByAws.class, r -> {
        assertThat(r.code()).isEqualTo("NoSuchEntity");
        assertThat(r.resource()).isEqualTo(arn);
        assertThat(r.message()).contains(arn).contains("before `pulumi up`");
      });
    }
    assertThat(engine.calls).doesNotContain("up", "refresh", "preview");
    assertThat(exists(bad.getSpec().getUserName())).isFalse();
  }

  @Test
  void C08_aFirstApplyReadsBackHandsTheSecretOverOnceAndASecondApplyChangesNothing() {
    AwsIamUser user = unique(TestManifests.CICD_DEPLOYER);
    engine.onUp = e -> engine.outputsAfterUp = deployAsTheEngineWould(user);

    Deployment first = backend.apply(context, validated(user)).get();

    assertThat(first.changed()).isTrue();
    assertThat(first.outputs().getUserName()).isEqualTo(user.getSpec().getUserName());
    assertThat(first.outputs().getAccessKeyId()).isEqualTo(keyIds(user.getSpec().getUserName()).get(0));
    String secret = first.secret().get().reveal();
    assertThat(secret).isNotEmpty();
    assertThat(first.toString()).doesNotContain(secret);
    assertThat(events.toString()).doesNotContain(secret);
    assertThat(engine.calls).containsExactly("outputs", "up");

    engine.calls.clear();
    engine.onUp = e -> { };
    Deployment second = backend.apply(context, validated(user)).get();

    assertThat(second.changed()).isFalse();
    assertThat(second.secret().isEmpty()).isTrue();
    assertThat(engine.calls).containsExactly("outputs", "refresh", "up");
    assertThat(backend.outputs(context, validated(user)).get().get()).isEqualTo(first.outputs());
  }

  @Test
  void aUserThatDoesNotReadBackAsSpecifiedFailsVerificationNamingTheDifference() {
    AwsIamUser user = unique(TestManifests.COMPLIANCE_AUDITOR);
    engine.onUp = e -> {
      engine.outputsAfterUp = deployAsTheEngineWould(user);
      // a green stack is not proof: IAM ends up different
      iam.untagUser(r -> r.userName(user.getSpec().getUserName()).tagKeys("Owner"));
    };

    DeploymentError error = backend.apply(context, validated(user)).getLeft();

    assertThat(error).isInstanceOfSatisfying(DeploymentError.VerificationFailed.class, v ->
        assertThat(v.differences()).singleElement().satisfies(d -> {
          assertThat(d.kind()).isEqualTo(Difference.Kind.MISSING);
          assertThat(d.path()).isEqualTo("spec.tags.Owner");
        }));
  }

  @Test
  void C03_aRenameDeletesThePreviousKeyWhichTheEngineWouldLeaveOnTheRenamedUser() {
    AwsIamUser user = unique(TestManifests.CICD_DEPLOYER);
    StackOutputs before = deployAsTheEngineWould(user);
    engine.outputs = before;
    String oldName = user.getSpec().getUserName();
    String oldKey = before.accessKeyId().get();
    AwsIamUser renamed = user.toBuilder()
        .setSpec(user.getSpec().toBuilder().setUserName(UniqueNames.user("renamed-deployer"))).build();
    String newName = renamed.getSpec().getUserName();
    List<String> keysWhenUpStarted = new CopyOnWriteArrayList<>();
    engine.onUp = e -> {
      keysWhenUpStarted.addAll(keyIds(oldName));
      // what the engine does: rename in place, replace the key (create first), and fail to delete
      // the old key because it asks under the old user name
      iam.updateUser(r -> r.userName(oldName).newUserName(newName));
      CreateAccessKeyResponse key = iam.createAccessKey(r -> r.userName(newName));
      var user2 = iam.getUser(r -> r.userName(newName)).user();
      Map<String, StackOutputs.Value> outputs = plainOutputs(newName, user2.arn(), user2.userId());
      outputs.put(UserProgram.OUT_ACCESS_KEY_ID, new StackOutputs.Value(key.accessKey().accessKeyId(), false));
      outputs.put(UserProgram.OUT_SECRET_ACCESS_KEY, new StackOutputs.Value(key.accessKey().secretAccessKey(), true));
      engine.outputsAfterUp = StackOutputs.of(outputs);
    };

    var result = backend.apply(context, validated(renamed));
    assertThat(result.isRight()).as(() -> result.getLeft().message()).isTrue();
    Deployment deployment = result.get();

    assertThat(keysWhenUpStarted).isEmpty();
    assertThat(exists(oldName)).isFalse();
    assertThat(keyIds(newName)).containsExactly(deployment.outputs().getAccessKeyId()).doesNotContain(oldKey);
    assertThat(deployment.outputs().getUserName()).isEqualTo(newName);
    assertThat(deployment.notes()).anyMatch(n -> n.contains(oldKey) && n.contains(oldName));
    assertThat(deployment.applied().changes()).anyMatch(c -> c.kind() == ResourceKind.USER
        && c.fields().exists(f -> f.path().equals("spec.userName")));
    assertThat(deployment.secret().isDefined()).isTrue();
  }

  @Test
  void C07_aRenameInCaseOnlyLeavesTheKeyToTheEngine() {
    AwsIamUser user = unique(TestManifests.CICD_DEPLOYER);
    StackOutputs before = deployAsTheEngineWould(user);
    engine.outputs = before;
    String oldName = user.getSpec().getUserName();
    String key = before.accessKeyId().get();
    AwsIamUser upper = user.toBuilder()
        .setSpec(user.getSpec().toBuilder().setUserName(oldName.toUpperCase(java.util.Locale.ROOT))).build();
    String newName = upper.getSpec().getUserName();
    List<String> keysWhenUpStarted = new CopyOnWriteArrayList<>();
    engine.onUp = e -> {
      keysWhenUpStarted.addAll(keyIds(oldName));
      iam.updateUser(r -> r.userName(oldName).newUserName(newName));
      var renamed = iam.getUser(r -> r.userName(newName)).user();
      Map<String, StackOutputs.Value> outputs = plainOutputs(newName, renamed.arn(), renamed.userId());
      outputs.put(UserProgram.OUT_ACCESS_KEY_ID, new StackOutputs.Value(key, false));
      engine.outputsAfterUp = StackOutputs.of(outputs);
    };

    var result = backend.apply(context, validated(upper));

    assertThat(result.isRight()).as(() -> result.getLeft().message()).isTrue();
    assertThat(keysWhenUpStarted).containsExactly(key);
    assertThat(result.get().notes()).isEmpty();
    assertThat(keyIds(newName)).containsExactly(key);
  }

  @Test
  void aFirstDeploymentThatFailsHalfWayIsRolledBack() {
    AwsIamUser user = unique(TestManifests.COMPLIANCE_AUDITOR);
    String name = user.getSpec().getUserName();
    engine.onUp = e -> {
      iam.createUser(r -> r.userName(name));
      throw new CommandException(new CommandResult(255, "", "creating IAM User Policy Attachment: operation "
          + "error IAM: AttachUserPolicy, https response error StatusCode: 500, RequestID: 1, ServiceFailure: boom"));
    };
    engine.onDestroy = e -> iam.deleteUser(r -> r.userName(name));

    DeploymentError error = backend.apply(context, validated(user)).getLeft();

    assertThat(error).isInstanceOf(DeploymentError.RejectedByAws.class);
    assertThat(error.message()).contains("ServiceFailure").contains("rolled back");
    assertThat(engine.calls).containsExactly("outputs", "up", "destroy");
    assertThat(exists(name)).isFalse();
  }

  @Test
  void aFailedUpdateOfADeployedStackIsNotRolledBack() {
    AwsIamUser user = unique(TestManifests.COMPLIANCE_AUDITOR);
    engine.outputs = deployAsTheEngineWould(user);
    engine.onUp = e -> {
      throw new CommandException(new CommandResult(255, "", "error: something unexpected"));
    };

    DeploymentError error = backend.apply(context, validated(user)).getLeft();

    assertThat(error).isInstanceOf(DeploymentError.BackendFailed.class);
    assertThat(engine.calls).containsExactly("outputs", "refresh", "up");
    assertThat(exists(user.getSpec().getUserName())).isTrue();
  }

  @Test
  void C10_driftListsExactlyTheOutOfBandGrants() {
    AwsIamUser user = unique(TestManifests.CICD_DEPLOYER);
    engine.outputs = deployAsTheEngineWould(user);
    String name = user.getSpec().getUserName();
    assertThat(backend.drift(context, validated(user)).get().isEmpty()).isTrue();
    iam.attachUserPolicy(r -> r.userName(name).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"));
    iam.putUserPolicy(r -> r.userName(name).policyName("Everything").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));

    DriftReport drift = backend.drift(context, validated(user)).get();

    assertThat(drift.differences()).extracting(Difference::kind, Difference::resource)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Difference.Kind.OUT_OF_BAND, ResourceKind.MANAGED_POLICY_ATTACHMENT),
            org.assertj.core.groups.Tuple.tuple(Difference.Kind.OUT_OF_BAND, ResourceKind.INLINE_POLICY));
    assertThat(engine.calls).doesNotContain("up", "refresh", "destroy");
  }

  @Test
  void C01_C02_destroyRemovesOutOfBandAttachmentsPoliciesAndKeysFirstAndNamesThem() {
    AwsIamUser user = unique(TestManifests.CICD_DEPLOYER);
    engine.outputs = deployAsTheEngineWould(user);
    String name = user.getSpec().getUserName();
    String ownKey = engine.outputs.accessKeyId().get();
    String extraPolicy = "arn:aws:iam::aws:policy/IAMUserChangePassword";
    iam.attachUserPolicy(r -> r.userName(name).policyArn(extraPolicy));
    iam.putUserPolicy(r -> r.userName(name).policyName("Extra").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}"));
    String extraKey = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
    // what pulumi destroy does with the stack's resources; IAM refuses DeleteUser while anything
    // (such as the out-of-band additions) is still attached
    engine.onDestroy = e -> {
      user.getSpec().getManagedPolicyArnsList()
          .forEach(arn -> iam.detachUserPolicy(r -> r.userName(name).policyArn(arn)));
      iam.deleteAccessKey(r -> r.userName(name).accessKeyId(ownKey));
      iam.deleteUser(r -> r.userName(name));
    };

    DestroyReport report = backend.destroy(context, validated(user)).get();

    assertThat(exists(name)).isFalse();
    assertThat(report.outOfBand()).containsExactly(
        new Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, extraPolicy, true),
        new Removed(ResourceKind.INLINE_POLICY, "Extra", true),
        new Removed(ResourceKind.ACCESS_KEY, extraKey, true));
    assertThat(report.removed()).contains(new Removed(ResourceKind.ACCESS_KEY, ownKey, false));
    assertThat(report.removed().last()).isEqualTo(new Removed(ResourceKind.USER, name, false));
    assertThat(engine.calls).containsExactly("outputs", "destroy");
    assertThat(events).contains(new ProgressEvent.ResourceFinished(name, ResourceKind.ACCESS_KEY, extraKey,
        io.iamkit.api.Change.Action.DELETE));

    assertThat(backend.destroy(context, validated(user)).get().alreadyGone()).isTrue();
    assertThat(engine.calls).containsExactly("outputs", "destroy", "outputs");
  }

  @Test
  void destroyRefusesToDeleteAUserTheStackNeverDeployed() {
    AwsIamUser user = unique(TestManifests.COMPLIANCE_AUDITOR);
    iam.createUser(r -> r.userName(user.getSpec().getUserName()));

    DeploymentError error = backend.destroy(context, validated(user)).getLeft();

    assertThat(error).isInstanceOf(DeploymentError.Conflict.class);
    assertThat(exists(user.getSpec().getUserName())).isTrue();
    assertThat(engine.calls).doesNotContain("destroy");
  }

  @Test
  void previewIsTheLiveDifferenceAndRunsTheEnginePreview() {
    AwsIamUser user = unique(TestManifests.COMPLIANCE_AUDITOR);

    var plan = backend.preview(context, validated(user)).get();

    assertThat(plan.isEmpty()).isFalse();
    assertThat(plan.changes()).anyMatch(c -> c.kind() == ResourceKind.USER);
    assertThat(engine.calls).containsExactly("outputs", "preview");
    assertThat(exists(user.getSpec().getUserName())).isFalse();
  }
}
