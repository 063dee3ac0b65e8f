package io.iamkit.backend.direct;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.internal.Json;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.model.proto.SecretDelivery;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;

/** The direct backend against the testkit's emulator (moto): the canonical users and cases C-01..C-11. */
@IamkitEmulator
class DirectBackendIT {
  static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";
  static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;
  @FromEmulator SecretsManagerClient secrets;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(emulator);
  }

  // ---- helpers

  <T> T ok(Either<DeploymentError, T> result) {
    assertThat(result.isRight()).as(() -> result.isLeft() ? result.getLeft().message() : "").isTrue();
    return result.get();
  }

  Deployment apply(AwsIamUser u) {
    return ok(fx.backend.apply(fx.context, Fixture.valid(u)));
  }

  DriftReport drift(AwsIamUser u) {
    return ok(fx.backend.drift(fx.context, Fixture.valid(u)));
  }

  Plan preview(AwsIamUser u) {
    return ok(fx.backend.preview(fx.context, Fixture.valid(u)));
  }

  DestroyReport destroy(AwsIamUser u) {
    return ok(fx.backend.destroy(fx.context, Fixture.valid(u)));
  }

  boolean userExists(String name) {
    try {
      iam.getUser(r -> r.userName(name));
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  boolean secretExists(String name) {
    try {
      secrets.describeSecret(r -> r.secretId(name));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  List<AccessKeyMetadata> keys(String user) {
    return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata();
  }

  static AwsIamUser noKeys(AwsIamUser u) {
    return Fixture.edit(u, s -> s.setDisableAccessKeys(true));
  }

  // ---- canonical users

  @ParameterizedTest
  @ValueSource(strings = {"cicd-deployer", "payment-service-user", "compliance-auditor"})
  void canonicalUserPreviewsAppliesReadsBackWithoutDriftAndDestroysToNothing(String file) {
    AwsIamUser u = Fixture.manifest(file);
    String name = u.getSpec().getUserName();
    Plan plan = preview(u);
    assertThat(plan.changes(Change.Action.CREATE)).extracting(Change::kind).contains(ResourceKind.USER);
    assertThat(fx.calls.mutating()).as("preview changes nothing").isEmpty();

    Deployment d = apply(u);
    assertThat(d.changed()).isTrue();
    assertThat(d.outputs().getUserName()).isEqualTo(name);
    assertThat(d.outputs().getUserArn()).endsWith(":user/" + name);
    assertThat(d.outputs().getConsoleUrl()).matches("https://\\d{12}\\.signin\\.aws\\.amazon\\.com/console");
    assertThat(d.secret().isDefined()).isEqualTo(!u.getSpec().getDisableAccessKeys());
    assertThat(iam.listAttachedUserPolicies(r -> r.userName(name)).attachedPolicies())
        .extracting(p -> p.policyArn()).containsExactlyInAnyOrderElementsOf(u.getSpec().getManagedPolicyArnsList());
    assertThat(iam.listUserPolicies(r -> r.userName(name)).policyNames())
        .containsExactlyInAnyOrderElementsOf(u.getSpec().getInlinePoliciesMap().keySet());
    assertThat(keys(name)).hasSize(u.getSpec().getDisableAccessKeys() ? 0 : 1);
    assertThat(drift(u).differences()).isEmpty();
    assertThat(ok(fx.backend.outputs(fx.context, Fixture.valid(u)))).contains(d.outputs());

    DestroyReport report = destroy(u);
    assertThat(report.alreadyGone()).isFalse();
    assertThat(report.outOfBand()).isEmpty();
    assertThat(userExists(name)).isFalse();
    assertThat(destroy(u).alreadyGone()).isTrue();
    assertThat(ok(fx.backend.outputs(fx.context, Fixture.valid(u)))).isEmpty();
  }

  // ---- cases

  @Test
  void c01_destroyAfterOutOfBandManagedPolicyNamesTheExtraPolicy() {
    AwsIamUser u = noKeys(Fixture.edit(Fixture.manifest("compliance-auditor"), s -> s.clearTags()));
    String name = u.getSpec().getUserName();
    apply(u);
    iam.attachUserPolicy(r -> r.userName(name).policyArn(CHANGE_PASSWORD));

    DestroyReport report = destroy(u);

    assertThat(userExists(name)).isFalse();
    assertThat(report.outOfBand()).containsExactly(
        new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, CHANGE_PASSWORD, true));
    assertThat(report.removed()).contains(
        new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, READ_ONLY, false));
  }

  @Test
  void c02_destroyAfterOutOfBandInlinePolicyAndSecondKeyDeletesThemBeforeDeleteUser() {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    String name = u.getSpec().getUserName();
    apply(u);
    iam.putUserPolicy(r -> r.userName(name).policyName("Extra")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}"));
    String extraKey = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
    fx.calls.clear();

    DestroyReport report = destroy(u);

    assertThat(userExists(name)).isFalse();
    assertThat(report.outOfBand()).extracting(DestroyReport.Removed::resource).containsExactlyInAnyOrder("Extra", extraKey);
    List<String> calls = fx.calls.mutating();
    int deleteUser = calls.indexOf("DeleteUser");
    assertThat(deleteUser).isPositive();
    assertThat(calls.subList(0, deleteUser)).filteredOn("DeleteAccessKey"::equals).hasSize(2);
    assertThat(calls.subList(0, deleteUser)).filteredOn("DeleteUserPolicy"::equals).hasSize(2);
    assertThat(calls.subList(deleteUser, calls.size()))
        .doesNotContain("DeleteAccessKey", "DeleteUserPolicy", "DetachUserPolicy");
  }

  @Test
  void c03_renameKeepsTheSameUserPoliciesAndWorkingKey(StsClient ignored) {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    u = Fixture.edit(u, s -> s.addManagedPolicyArns(READ_ONLY).putTags("Owner", "payments"));
    String oldName = u.getSpec().getUserName();
    Deployment first = apply(u);
    String keyId = first.outputs().getAccessKeyId();
    String secret = first.secret().get().reveal();

    String newName = UniqueNames.user("renamed");
    AwsIamUser renamed = Fixture.edit(u, s -> s.setUserName(newName));
    assertThat(preview(renamed).changes()).extracting(Change::kind, Change::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ResourceKind.USER, Change.Action.UPDATE));
    fx.calls.clear();
    Deployment second = apply(renamed);

    assertThat(fx.calls.mutating()).doesNotContain("CreateUser", "DeleteUser", "CreateAccessKey", "DeleteAccessKey");
    assertThat(userExists(oldName)).isFalse();
    assertThat(second.outputs().getUserName()).isEqualTo(newName);
    assertThat(second.outputs().getUserId()).isEqualTo(first.outputs().getUserId());
    assertThat(second.outputs().getAccessKeyId()).isEqualTo(keyId);
    assertThat(second.secret().isEmpty()).isTrue();
    assertThat(second.notes()).anyMatch(n -> n.contains(keyId) && n.contains("only available"));
    assertThat(keys(newName)).singleElement().satisfies(k -> {
      assertThat(k.accessKeyId()).isEqualTo(keyId);
      assertThat(k.statusAsString()).isEqualTo("Active");
    });
    assertThat(iam.listUserTags(r -> r.userName(newName)).tags())
        .anyMatch(t -> t.key().equals("Owner") && t.value().equals("payments"));
    assertThat(iam.listAttachedUserPolicies(r -> r.userName(newName)).attachedPolicies())
        .extracting(p -> p.policyArn()).containsExactly(READ_ONLY);
    assertThat(iam.listUserPolicies(r -> r.userName(newName)).policyNames()).containsExactly("PaymentServiceAccess");
    // the key still signs requests (the emulator resolves the caller from the key)
    try (StsClient sts = emulator.clientFactory().toBuilder()
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret))).build().sts()) {
      assertThat(sts.getCallerIdentity().arn()).endsWith(":user/" + newName);
    }
    fx.calls.clear();
    assertThat(apply(renamed).changed()).isFalse();
    assertThat(fx.calls.mutating()).isEmpty();
    destroy(renamed);
  }

  @Test
  void c04_keyStatusDriftIsRepairedAndDisableAccessKeysToggles() {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    String name = u.getSpec().getUserName();
    String keyId = apply(u).outputs().getAccessKeyId();
    iam.updateAccessKey(r -> r.userName(name).accessKeyId(keyId).status("Inactive"));
    assertThat(drift(u).differences()).singleElement()
        .satisfies(d -> assertThat(d.kind()).isEqualTo(Difference.Kind.CHANGED));

    Deployment repaired = apply(u);
    assertThat(repaired.outputs().getAccessKeyId()).isEqualTo(keyId);
    assertThat(keys(name)).singleElement().satisfies(k -> {
      assertThat(k.accessKeyId()).isEqualTo(keyId);
      assertThat(k.statusAsString()).isEqualTo("Active");
    });

    Deployment disabled = apply(noKeys(u));
    assertThat(keys(name)).isEmpty();
    assertThat(disabled.outputs().getAccessKeyId()).isEmpty();
    assertThat(disabled.secret().isEmpty()).isTrue();
    assertThat(drift(noKeys(u)).differences()).isEmpty();

    Deployment enabled = apply(u);
    assertThat(keys(name)).singleElement().satisfies(k -> {
      assertThat(k.accessKeyId()).isNotEqualTo(keyId).isEqualTo(enabled.outputs().getAccessKeyId());
      assertThat(k.statusAsString()).isEqualTo("Active");
    });
    assertThat(enabled.secret().isDefined()).isTrue();
    destroy(u);
  }

  @Test
  void c05_policyDocumentsCompareByMeaning() {
    AwsIamUser u = noKeys(Fixture.manifest("payment-service-user"));
    String name = u.getSpec().getUserName();
    apply(u);
    String same = """
        { "Statement": [
            {"Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable", "Sid": "",
             "Action": ["dynamodb:GetItem", "dynamodb:Query"], "Effect": "Allow"},
            {"Action": ["lambda:InvokeFunction"], "Effect": "Allow",
             "Resource": ["arn:aws:lambda:us-east-1:123456789012:function:ProcessPaymentFunction"]}],
          "Version": "2012-10-17" }
        """;
    iam.putUserPolicy(r -> r.userName(name).policyName("PaymentServiceAccess").policyDocument(same));
    assertThat(drift(u).differences()).isEmpty();

    iam.putUserPolicy(r -> r.userName(name).policyName("PaymentServiceAccess")
        .policyDocument(same.replace("\"dynamodb:Query\"", "\"dynamodb:Query\", \"dynamodb:Scan\"")));
    assertThat(drift(u).differences()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Difference.Kind.CHANGED);
      assertThat(d.path()).isEqualTo("spec.inlinePolicies.PaymentServiceAccess");
      assertThat(d.actual().get()).containsIgnoringCase("dynamodb:Scan");
    });
    apply(u);
    assertThat(drift(u).differences()).isEmpty();
    destroy(u);
  }

  @Test
  void c06_unknownManagedPolicyFailsNamingTheArnAndLeavesNoUser() {
    String missing = "arn:aws:iam::aws:policy/DoesNotExistPolicy";
    AwsIamUser u = Fixture.edit(Fixture.manifest("cicd-deployer"), s -> s.addManagedPolicyArns(missing));

    Either<DeploymentError, Deployment> result = fx.backend.apply(fx.context, Fixture.valid(u));

    assertThat(result.isLeft()).isTrue();
    assertThat(result.getLeft()).isInstanceOfSatisfying(DeploymentError.RejectedByAws.class, e -> {
      assertThat(e.code()).isEqualTo("NoSuchEntity");
      assertThat(e.resource()).contains(missing).contains(u.getSpec().getUserName());
    });
    assertThat(result.getLeft().message()).contains(missing);
    assertThat(fx.calls.mutating()).isEmpty();
    assertThat(userExists(u.getSpec().getUserName())).isFalse();
  }

  @Test
  void c07_caseOnlyRenameUpdatesTheSameUserWithoutDeleteAndCreate() {
    AwsIamUser u = noKeys(Fixture.manifest("compliance-auditor"));
    String lower = u.getSpec().getUserName().toLowerCase(java.util.Locale.ROOT);
    u = Fixture.edit(u, s -> s.setUserName(lower));
    String id = apply(u).outputs().getUserId();
    AwsIamUser upper = Fixture.edit(u, s -> s.setUserName(lower.toUpperCase(java.util.Locale.ROOT)));
    fx.calls.clear();

    Deployment d = apply(upper);

    assertThat(fx.calls.mutating()).doesNotContain("CreateUser", "DeleteUser").contains("UpdateUser");
    assertThat(d.outputs().getUserId()).isEqualTo(id);
    assertThat(d.outputs().getUserName()).isEqualTo(upper.getSpec().getUserName());
    assertThat(drift(upper).differences()).isEmpty();
    destroy(upper);
  }

  @Test
  void c07_twoManifestsDifferingOnlyInCaseAreRejectedBeforeAnyCall() {
    AwsIamUser a = Fixture.edit(Fixture.manifest("compliance-auditor"), s -> s.setUserName("svc-x"));
    AwsIamUser b = Fixture.edit(Fixture.manifest("compliance-auditor"), s -> s.setUserName("SVC-X"));
    var validated = ValidatedUser.validateAll(io.vavr.collection.List.of(a, b), io.iamkit.model.Validator.create());
    assertThat(validated.isInvalid()).isTrue();
    var deployer = io.iamkit.api.Deployer.builder().backend("direct").target(Fixture.target(emulator)).build();
    assertThat(deployer.applyAll(io.vavr.collection.List.of(a, b)).getLeft())
        .isInstanceOf(DeploymentError.InvalidSpec.class);
    assertThat(userExists("svc-x")).isFalse();
    assertThat(userExists("SVC-X")).isFalse();
  }

  @Test
  void c09_secondApplyOfAnUnchangedSpecReportsNoChangesAndMakesNoMutatingCall() {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    u = Fixture.edit(u, s -> s.addManagedPolicyArns(READ_ONLY).putTags("Owner", "payments"));
    apply(u);
    fx.calls.clear();

    Deployment again = apply(u);

    assertThat(again.changed()).isFalse();
    assertThat(again.applied().describe()).endsWith("no changes");
    assertThat(fx.calls.all()).isNotEmpty();
    assertThat(fx.calls.mutating()).isEmpty();
    assertThat(preview(u).isEmpty()).isTrue();
    destroy(u);
  }

  @Test
  void c10_outOfBandGrantsAreDetectedAndRemoved() {
    AwsIamUser u = Fixture.manifest("cicd-deployer");
    String name = u.getSpec().getUserName();
    apply(u);
    iam.attachUserPolicy(r -> r.userName(name).policyArn(ADMIN));
    iam.putUserPolicy(r -> r.userName(name).policyName("Everything")
        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));

    DriftReport drift = drift(u);
    assertThat(drift.differences()).hasSize(2).allMatch(d -> d.kind() == Difference.Kind.OUT_OF_BAND);
    assertThat(drift.differences()).extracting(d -> d.actual().get())
        .anyMatch(a -> a.equals(ADMIN)).anyMatch(a -> a.contains("\"*\""));
    assertThat(drift.differences()).extracting(Difference::path)
        .containsExactlyInAnyOrder("spec.managedPolicyArns", "spec.inlinePolicies.Everything");

    apply(u);
    assertThat(iam.listAttachedUserPolicies(r -> r.userName(name)).attachedPolicies())
        .extracting(p -> p.policyArn()).doesNotContain(ADMIN);
    assertThat(iam.listUserPolicies(r -> r.userName(name)).policyNames()).isEmpty();
    assertThat(preview(u).isEmpty()).isTrue();
    destroy(u);
  }

  @Test
  void c11_destroyThenApplyAgainWithDeliveredSecretLeavesNothingBehind() {
    String secretName = "iamkit/" + UniqueNames.name("c11", 120);
    AwsIamUser u = Fixture.edit(Fixture.manifest("payment-service-user"),
        s -> s.setSecretDelivery(SecretDelivery.newBuilder().setSecretName(secretName)));
    String name = u.getSpec().getUserName();

    Deployment first = apply(u);
    assertThat(first.secret().isEmpty()).as("delivered, not handed over").isTrue();
    assertThat(first.outputs().getSecretArn()).isNotEmpty();
    Struct delivered = Json.parseObject(secrets.getSecretValue(r -> r.secretId(secretName)).secretString());
    assertThat(delivered.getFieldsOrThrow("accessKeyId").getStringValue()).isEqualTo(first.outputs().getAccessKeyId());
    assertThat(delivered.getFieldsOrThrow("userName").getStringValue()).isEqualTo(name);
    assertThat(delivered.getFieldsOrThrow("secretAccessKey").getStringValue()).hasSize(40);

    DestroyReport report = destroy(u);
    assertThat(report.removed()).contains(new DestroyReport.Removed(ResourceKind.SECRET, secretName, false));
    assertThat(userExists(name)).isFalse();
    assertThat(secretExists(secretName)).isFalse();

    Deployment second = apply(u);
    assertThat(second.outputs().getAccessKeyId()).isNotEqualTo(first.outputs().getAccessKeyId());
    // the secret is scheduled for deletion out of band: destroy still removes it for good
    secrets.deleteSecret(r -> r.secretId(secretName).recoveryWindowInDays(7L));
    destroy(u);
    assertThat(userExists(name)).isFalse();
    assertThat(secretExists(secretName)).isFalse();
    assertThat(iam.listUsers().users()).noneMatch(x -> x.userName().equals(name));
  }

  // ---- ownership

  @Test
  void foreignKeyIsReportedNeverDeletedByApplyAndRemovedByDestroy() {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    String name = u.getSpec().getUserName();
    String own = apply(u).outputs().getAccessKeyId();
    String foreign = iam.createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();

    assertThat(drift(u).differences()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Difference.Kind.OUT_OF_BAND);
      assertThat(d.resource()).isEqualTo(ResourceKind.ACCESS_KEY);
      assertThat(d.actual().get()).contains(foreign);
    });
    Deployment d = apply(u);
    assertThat(d.notes()).anyMatch(n -> n.contains(foreign));
    assertThat(keys(name)).extracting(AccessKeyMetadata::accessKeyId).containsExactlyInAnyOrder(own, foreign);
    assertThat(fx.calls.mutating()).doesNotContain("DeleteAccessKey");
    assertThat(destroy(u).outOfBand()).extracting(DestroyReport.Removed::resource).containsExactly(foreign);
  }

  @Test
  void userOfTheSameNameNotDeployedByIamkitIsAConflictAndUntouched() {
    AwsIamUser u = Fixture.manifest("compliance-auditor");
    String name = u.getSpec().getUserName();
    iam.createUser(r -> r.userName(name));

    for (Either<DeploymentError, ?> r : List.of(fx.backend.apply(fx.context, Fixture.valid(u)),
        fx.backend.destroy(fx.context, Fixture.valid(u)))) {
      assertThat(r.getLeft()).isInstanceOf(DeploymentError.Conflict.class);
      assertThat(r.getLeft().message()).contains(name).contains(Ownership.RESOURCE_TAG);
    }
    assertThat(fx.calls.mutating()).isEmpty();
    assertThat(userExists(name)).isTrue();
    iam.deleteUser(r -> r.userName(name));
  }

  @Test
  void aDeliverySecretIamkitDidNotCreateIsNeitherOverwrittenNorDeleted() {
    String secretName = "iamkit/" + UniqueNames.name("foreign", 100);
    secrets.createSecret(r -> r.name(secretName).secretString("someone else's value"));
    AwsIamUser u = Fixture.edit(Fixture.manifest("payment-service-user"),
        s -> s.setSecretDelivery(SecretDelivery.newBuilder().setSecretName(secretName)));
    String name = u.getSpec().getUserName();

    for (Either<DeploymentError, ?> r : List.of(fx.backend.apply(fx.context, Fixture.valid(u)),
        fx.backend.destroy(fx.context, Fixture.valid(u)))) {
      assertThat(r.getLeft()).isInstanceOf(DeploymentError.Conflict.class);
      assertThat(r.getLeft().message()).contains(secretName).contains(Ownership.RESOURCE_TAG);
    }
    assertThat(fx.calls.mutating()).as("nothing made, nothing deleted").isEmpty();
    assertThat(userExists(name)).isFalse();
    assertThat(secrets.getSecretValue(r -> r.secretId(secretName)).secretString()).isEqualTo("someone else's value");
    secrets.deleteSecret(r -> r.secretId(secretName).forceDeleteWithoutRecovery(true));
  }

  @Test
  void aKeyWhoseSecretWasNeverHandedOverIsDeletedWhenTheApplyFailsAfterCreatingIt() {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    String name = u.getSpec().getUserName();
    // the connection breaks during the read-back, i.e. after CreateAccessKey returned the secret
    java.util.concurrent.atomic.AtomicBoolean keyCreated = new java.util.concurrent.atomic.AtomicBoolean();
    var failing = new io.iamkit.api.spi.BackendContext(fx.context.target().withObserver((service, op, request) -> {
      if ("CreateAccessKey".equals(op)) {
        keyCreated.set(true);
      } else if (keyCreated.get() && "GetUser".equals(op)) {
        throw software.amazon.awssdk.core.exception.SdkClientException.create("injected: connection reset");
      }
    }), fx.context.listener(), fx.context.options());

    Either<DeploymentError, Deployment> failed = fx.backend.apply(failing, Fixture.valid(u));

    assertThat(failed.isLeft()).isTrue();
    assertThat(failed.getLeft().message()).contains("injected: connection reset");
    assertThat(iam.listAccessKeys(r -> r.userName(name)).accessKeyMetadata())
        .as("the key whose secret nobody received is gone").isEmpty();
    assertThat(iam.listUserTags(r -> r.userName(name)).tags())
        .noneMatch(t -> t.key().equals(Ownership.ACCESS_KEY_TAG));
    assertThat(fx.events).anyMatch(e -> e instanceof io.iamkit.api.ProgressEvent.Message m
        && m.level() == io.iamkit.api.ProgressEvent.Message.Level.WARN && m.text().contains("deleted again"));

    Deployment retried = apply(u);
    assertThat(retried.secret().isDefined()).as("the next apply makes a new key and hands its secret over").isTrue();
    assertThat(iam.listAccessKeys(r -> r.userName(name)).accessKeyMetadata()).hasSize(1)
        .allMatch(k -> k.accessKeyId().equals(retried.outputs().getAccessKeyId()));
    destroy(u);
  }

  @Test
  void thePlanNamesTheSecretDeliveryBesideTheKeyChange() {
    String secretName = "iamkit/" + UniqueNames.name("planned", 100);
    AwsIamUser u = Fixture.edit(Fixture.manifest("payment-service-user"),
        s -> s.setSecretDelivery(SecretDelivery.newBuilder().setSecretName(secretName)));

    assertThat(preview(u).changes()).anyMatch(c -> c.kind() == ResourceKind.SECRET
        && c.action() == Change.Action.CREATE && c.resource().equals(secretName));
    apply(u);
    AwsIamUser off = Fixture.edit(u, s -> s.setDisableAccessKeys(true));
    assertThat(preview(off).changes()).anyMatch(c -> c.kind() == ResourceKind.SECRET
        && c.action() == Change.Action.DELETE && c.resource().equals(secretName));
    assertThat(preview(u).changes()).as("nothing to deliver when the key stays").noneMatch(
        c -> c.kind() == ResourceKind.SECRET);
    destroy(u);
  }

  @Test
  void everyStepIsReportedAsProgress() {
    AwsIamUser u = Fixture.manifest("cicd-deployer");
    apply(u);
    var started = fx.events.stream().filter(e -> e instanceof io.iamkit.api.ProgressEvent.ResourceStarted).count();
    var finished = fx.events.stream().filter(e -> e instanceof io.iamkit.api.ProgressEvent.ResourceFinished)
        .map(e -> ((io.iamkit.api.ProgressEvent.ResourceFinished) e).kind()).collect(Collectors.toList());
    assertThat(started).isEqualTo(finished.size());
    assertThat(finished).contains(ResourceKind.USER, ResourceKind.MANAGED_POLICY_ATTACHMENT, ResourceKind.ACCESS_KEY);
    destroy(u);
  }

  static Option<AwsIamUserOutputs> none() {
    return Option.none();
  }
}
