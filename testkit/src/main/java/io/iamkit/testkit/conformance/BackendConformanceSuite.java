package io.iamkit.testkit.conformance;

import static io.iamkit.testkit.IamAssertions.assertThatKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.iamkit.api.Change;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.Difference;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.api.state.StateDiff;
import io.iamkit.live.LiveUserReader;
import io.iamkit.model.Manifests;
import io.iamkit.model.Validator;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.EmulatorKind;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamAssertions;
import io.iamkit.testkit.IamUserAssert;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetSummary;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * The backend conformance suite, written once for every backend: the three canonical users
 * (validate, preview, apply, read back equal to the spec, no drift, destroy to nothing) and the
 * scenarios C-01..C-11 of the project's case list, against the testkit's emulator, checked through
 * plain IAM reads ({@link IamAssertions}), never through a backend's own view.
 *
 * <p>A backend module runs it by extending this class in its tests:
 * <pre>{@code
 * class DirectConformanceIT extends BackendConformanceSuite {
 *   protected String backendName() { return "direct"; }
 *   protected Map<String, String> gaps(EmulatorKind emulator) {
 *     return Map.of();   // case id -> reason, for what this backend or emulator cannot do
 *   }
 * }
 * }</pre>
 *
 * <p>Gaps are declared, never hidden, and checked: a case named in {@link #gaps} still runs. When it
 * fails, as declared, it is reported as skipped with the message
 * {@code GAP[C-04 on moto/cloudformation]: <reason> (observed: <the failure>)} and as {@code gap} in
 * {@code target/conformance/<backend>-<emulator>.tsv} ({@link ConformanceResults}), which also lists
 * every pass and fail. When a declared gap passes, the test fails: the declaration is stale and must
 * go. C-09 applies only to CloudFormation: other backends report it as a gap ("not applicable",
 * not run) unless {@link #isCloudFormation()} says otherwise.
 *
 * <p>Every AWS request the backend sends goes through the target's {@link CallRecorder}
 * ({@link #calls}), so call order (C-02) and request contents (C-09) can be checked. Each test uses
 * fresh unique user names (a suffix on {@code metadata.name} and {@code spec.userName}), so runs do
 * not collide on the shared emulator.
 */
@IamkitEmulator
@ExtendWith({ConformanceResults.class, DeclaredGaps.class})
public abstract class BackendConformanceSuite {

  /** Managed policy ARNs used by the scenarios. */
  protected static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  protected static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";
  protected static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  protected static final String UNKNOWN_POLICY = "arn:aws:iam::aws:policy/DoesNotExistPolicy";

  /** The canonical manifests shipped in this jar (copies of the project's case manifests). */
  public static final java.util.List<String> CANONICAL_MANIFESTS =
      java.util.List.of("cicd-deployer", "payment-service-user", "compliance-auditor");

  /** The shared emulator. */
  @FromEmulator
  protected AwsEmulator emulator;

  /** Every AWS request the deployer under test sent during the current test. */
  protected final CallRecorder calls = new CallRecorder();

  /** Where a backend that keeps local state keeps it during one test (scanned by C-08). */
  @TempDir
  protected Path stateDirectory;

  private String caseId = "";
  private String declaredGap;

  // ---- what a backend module provides

  /** The backend's registered name, e.g. {@code direct}. */
  protected abstract String backendName();

  /**
   * Cases this backend cannot pass on this emulator: case id ({@code C-04},
   * {@code canonical/cicd-deployer}) to the reason. Such cases still run: a failure is reported as
   * the declared gap, a pass fails the test (the declaration no longer holds).
   */
  protected Map<String, String> gaps(EmulatorKind emulator) {
    return Map.of();
  }

  /** Whether the backend deploys through CloudFormation (C-09 applies). */
  protected boolean isCloudFormation() {
    return "cloudformation".equals(backendName());
  }

  /** Backend-specific settings on the deployer under test (options, listener). */
  protected Deployer.Builder configure(Deployer.Builder deployer) {
    return deployer;
  }

  /** The emulator's name in reports ({@code moto}, {@code localstack}, ...). */
  public String emulatorName() {
    return emulator == null ? "unknown" : emulator.kind().id();
  }

  // ---- setup

  @BeforeEach
  public final void reportDeclaredGaps(TestInfo info) {
    caseId = info.getTestMethod().map(m -> m.getAnnotation(ConformanceCase.class))
        .map(ConformanceCase::value).orElse(info.getDisplayName());
    calls.clear();
    if ("C-09".equals(caseId) && !isCloudFormation()) {
      Assumptions.abort(gap("not applicable: C-09 checks CloudFormation change sets and this "
          + "backend does not deploy through CloudFormation"));
    }
    declaredGap = gaps(emulator.kind()).get(caseId);
  }

  /** The reason of the gap declared for the current case, if any ({@link DeclaredGaps} reads it). */
  final java.util.Optional<String> declaredGap() {
    return java.util.Optional.ofNullable(declaredGap);
  }

  /** The message of a gap in the current case: {@code GAP[C-04 on moto/direct]: reason}. */
  protected String gap(String reason) {
    return ConformanceResults.GAP_PREFIX + caseId + " on " + emulatorName() + "/" + backendName()
        + "]: " + reason;
  }

  /** The deployer under test: this backend, bound to the emulator, recording every call. */
  protected Deployer deployer() {
    Deployer.Builder b = Deployer.builder()
        .backend(backendName())
        .target(emulator.target().withObserver(calls))
        .options(DeployOptions.defaults().withStateDirectory(stateDirectory));
    return configure(b).build();
  }

  /** Plain IAM calls against the emulator, for out-of-band changes (not recorded). */
  protected IamClient iam() {
    return emulator.iam();
  }

  protected IamUserAssert assertThatUser(String userName) {
    return IamAssertions.assertThatUser(emulator.iam(), userName);
  }

  protected Option<LiveUser> live(String userName) {
    return LiveUserReader.of(emulator.iam()).read(userName);
  }

  // ---- the canonical users

  @Test
  @ConformanceCase("canonical/cicd-deployer")
  public void canonical_cicdDeployer() {
    canonicalLifecycle("cicd-deployer");
  }

  @Test
  @ConformanceCase("canonical/payment-service-user")
  public void canonical_paymentServiceUser() {
    canonicalLifecycle("payment-service-user");
  }

  @Test
  @ConformanceCase("canonical/compliance-auditor")
  public void canonical_complianceAuditor() {
    canonicalLifecycle("compliance-auditor");
  }

  private void canonicalLifecycle(String manifest) {
    AwsIamUser user = canonical(manifest);
    String name = user.getSpec().getUserName();
    Deployer deployer = deployer();

    assertThat(Validator.create().validate(user).isValid()).as("%s validates", manifest).isTrue();

    Plan preview = ok(deployer.preview(user), "preview");
    assertThat(preview.changes(Change.Action.CREATE)).as("preview of a new user creates it")
        .isNotEmpty();
    assertThat(live(name)).as("preview changes nothing").isEmpty();

    Deployment first = ok(deployer.apply(user), "apply");
    assertThat(first.changed()).as("first apply changes something").isTrue();
    LiveUser live = assertReadBackEqualsSpec(user);
    assertThat(first.outputs().getUserName()).isEqualTo(name);
    assertThat(first.outputs().getUserArn()).isEqualTo(live.arn());
    if (user.getSpec().getDisableAccessKeys()) {
      assertThat(first.secret()).as("no key, no secret").isEmpty();
      assertThat(first.outputs().getAccessKeyId()).isEmpty();
    } else {
      String keyId = live.accessKeys().head().accessKeyId();
      assertThat(first.outputs().getAccessKeyId()).isEqualTo(keyId);
      Secret secret = first.secret().getOrElse(() -> fail("apply created a key but returned no secret"));
      assertThatKey(emulator, keyId, secret).authenticatesAs(live.arn());
    }

    DriftReport drift = ok(deployer.drift(user), "drift");
    assertThat(drift.isEmpty()).as("no drift after apply: %s", drift.describe()).isTrue();
    assertThat(StateDiff.drift(user, live(name)).isEmpty())
        .as("independent read-back agrees: no drift").isTrue();
    Plan again = ok(deployer.preview(user), "second preview");
    assertThat(again.isEmpty()).as("preview after apply: %s", again.describe()).isTrue();
    Deployment second = ok(deployer.apply(user), "second apply");
    assertThat(second.changed()).as("second apply is a no-op: %s", second.applied().describe())
        .isFalse();

    DestroyReport destroyed = ok(deployer.destroy(user), "destroy");
    assertThat(destroyed.alreadyGone()).isFalse();
    assertThatUser(name).isAbsent();
    assertThat(ok(deployer.destroy(user), "second destroy").alreadyGone())
        .as("destroying again finds nothing").isTrue();
  }

  // ---- scenarios

  @Test
  @ConformanceCase("C-01")
  public void c01_destroyAfterOutOfBandManagedPolicyAttachment() {
    AwsIamUser user = scenarioUser("c01", """
        managedPolicyArns: [%s]
        disableAccessKeys: true
        """.formatted(READ_ONLY));
    String name = user.getSpec().getUserName();
    ok(deployer().apply(user), "apply");
    iam().attachUserPolicy(r -> r.userName(name).policyArn(CHANGE_PASSWORD));

    DestroyReport report = ok(deployer().destroy(user), "destroy");

    assertThatUser(name).isAbsent();
    assertThat(report.outOfBand()).as("the report names the out-of-band attachment")
        .contains(new DestroyReport.Removed(ResourceKind.MANAGED_POLICY_ATTACHMENT, CHANGE_PASSWORD,
            true));
  }

  @Test
  @ConformanceCase("C-02")
  public void c02_destroyAfterOutOfBandInlinePolicyAndSecondKey() {
    AwsIamUser user = scenarioUser("c02", """
        managedPolicyArns: [%s]
        """.formatted(READ_ONLY));
    String name = user.getSpec().getUserName();
    ok(deployer().apply(user), "apply");
    iam().putUserPolicy(r -> r.userName(name).policyName("OobInline").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
            + "\"Resource\":\"*\"}]}"));
    String oobKey = iam().createAccessKey(r -> r.userName(name)).accessKey().accessKeyId();
    calls.clear();

    DestroyReport report = ok(deployer().destroy(user), "destroy");

    assertThatUser(name).isAbsent();
    assertThat(report.outOfBand()).as("the report names the out-of-band additions")
        .contains(new DestroyReport.Removed(ResourceKind.INLINE_POLICY, "OobInline", true),
            new DestroyReport.Removed(ResourceKind.ACCESS_KEY, oobKey, true));
    java.util.List<String> ops = calls.operations("IAM");
    int deleteUser = ops.lastIndexOf("DeleteUser");
    assertThat(deleteUser).as("the backend's IAM calls include DeleteUser (recorded: %s); a backend "
        + "that deletes through an engine must declare C-02 as a gap", ops).isNotNegative();
    assertThat(ops.stream().filter("DeleteAccessKey"::equals).count())
        .as("both keys deleted: %s", ops).isEqualTo(2);
    assertThat(ops.lastIndexOf("DeleteAccessKey")).as("keys before DeleteUser: %s", ops)
        .isLessThan(deleteUser);
    assertThat(ops.lastIndexOf("DeleteUserPolicy")).as("inline policies before DeleteUser: %s", ops)
        .isNotNegative().isLessThan(deleteUser);
    assertThat(ops.lastIndexOf("DetachUserPolicy")).as("detach before DeleteUser: %s", ops)
        .isLessThan(deleteUser);
  }

  @Test
  @ConformanceCase("C-03")
  public void c03_renameUserNameKeepsPoliciesAndMovesTheKey() {
    AwsIamUser user = scenarioUser("c03", """
        managedPolicyArns: [%s]
        inlinePolicies:
          Access: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]}
        """.formatted(READ_ONLY));
    String oldName = user.getSpec().getUserName();
    Deployment first = ok(deployer().apply(user), "apply");
    String newName = UniqueNames.user("c03-renamed");
    AwsIamUser renamed = user.toBuilder()
        .setSpec(user.getSpec().toBuilder().setUserName(newName)).build();

    Deployment d = ok(deployer().apply(renamed), "apply after rename");

    assertThatUser(oldName).isAbsent();
    LiveUser live = assertThatUser(newName).exists().hasExactlyManagedPolicies(READ_ONLY)
        .hasInlinePolicyEqualInMeaningTo("Access", "{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}")
        .hasAccessKeys(1, LiveAccessKey.Status.Active).live();
    String keyId = live.accessKeys().head().accessKeyId();
    assertThat(d.outputs().getUserName()).isEqualTo(newName);
    assertThat(d.outputs().getUserArn()).isEqualTo(live.arn());
    assertThat(d.outputs().getAccessKeyId()).isEqualTo(keyId);
    // a backend that renames in place (UpdateUser) keeps the key, whose secret came with the first
    // apply; one that replaces the user makes a new key and returns its secret now
    Secret secret = keyId.equals(first.outputs().getAccessKeyId()) && d.secret().isEmpty()
        ? first.secret().getOrElse(() -> fail("the first apply created a key but returned no secret"))
        : d.secret().getOrElse(() -> fail("the renamed user's new key came without a secret"));
    assertThatKey(emulator, keyId, secret).authenticatesAs(live.arn());
    Option<AwsIamUserOutputs> outputs = ok(deployer().outputs(renamed), "outputs");
    assertThat(outputs.map(AwsIamUserOutputs::getUserName)).containsExactly(newName);
    assertThat(outputs.map(AwsIamUserOutputs::getAccessKeyId)).containsExactly(keyId);
    Deployment again = ok(deployer().apply(renamed), "second apply");
    assertThat(again.changed()).as("second apply: %s", again.applied().describe()).isFalse();
    ok(deployer().destroy(renamed), "destroy");
  }

  @Test
  @ConformanceCase("C-04")
  public void c04_keyStatusDriftAndDisableAccessKeysToggling() {
    AwsIamUser user = scenarioUser("c04", "managedPolicyArns: [%s]\n".formatted(READ_ONLY));
    String name = user.getSpec().getUserName();
    Deployment first = ok(deployer().apply(user), "apply");
    String keyId = first.outputs().getAccessKeyId();
    assertThat(keyId).isNotEmpty();

    iam().updateAccessKey(r -> r.userName(name).accessKeyId(keyId).status(StatusType.INACTIVE));
    ok(deployer().apply(user), "apply after out-of-band deactivation");
    assertThatUser(name).hasOnlyAccessKey(keyId, LiveAccessKey.Status.Active);

    AwsIamUser disabled = withSpec(user, user.getSpec().toBuilder().setDisableAccessKeys(true).build());
    Deployment off = ok(deployer().apply(disabled), "apply disableAccessKeys: true");
    assertThatUser(name).hasNoAccessKeys();
    assertThat(off.outputs().getAccessKeyId()).as("no stale key output").isEmpty();
    assertThat(ok(deployer().outputs(disabled), "outputs").map(AwsIamUserOutputs::getAccessKeyId))
        .containsExactly("");

    Deployment on = ok(deployer().apply(user), "apply disableAccessKeys: false");
    LiveUser live = assertThatUser(name).hasAccessKeys(1, LiveAccessKey.Status.Active).live();
    String newKey = live.accessKeys().head().accessKeyId();
    assertThat(newKey).as("a new key, not the old one").isNotEqualTo(keyId);
    assertThat(on.outputs().getAccessKeyId()).isEqualTo(newKey);
    ok(deployer().destroy(user), "destroy");
  }

  @Test
  @ConformanceCase("C-05")
  public void c05_policyDocumentsCompareByMeaning() {
    AwsIamUser user = scenarioUser("c05", """
        disableAccessKeys: true
        inlinePolicies:
          Access: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["s3:GetObject"], Resource: ["*"]}]}
        """);
    String name = user.getSpec().getUserName();
    ok(deployer().apply(user), "apply");

    // same meaning: other key order, "*" for ["*"], a single statement object, whitespace, empty Sid
    iam().putUserPolicy(r -> r.userName(name).policyName("Access").policyDocument("""
        {
          "Statement": {"Resource": "*", "Sid": "", "Action": "s3:GetObject",   "Effect": "Allow"},
          "Version": "2012-10-17"
        }"""));
    DriftReport same = ok(deployer().drift(user), "drift");
    assertThat(same.isEmpty()).as("equal in meaning is no drift: %s", same.describe()).isTrue();

    iam().putUserPolicy(r -> r.userName(name).policyName("Access").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\"}]}"));
    DriftReport changed = ok(deployer().drift(user), "drift after an added action");
    assertThat(changed.differences()).as(changed.describe()).hasSize(1);
    assertThat(changed.differences().head().resource()).isEqualTo(ResourceKind.INLINE_POLICY);
    assertThat(changed.differences().head().path()).isEqualTo("spec.inlinePolicies.Access");

    ok(deployer().apply(user), "apply restores the policy");
    assertThatUser(name).hasInlinePolicyEqualInMeaningTo("Access", "{\"Version\":\"2012-10-17\","
        + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}");
    assertThat(ok(deployer().drift(user), "drift after apply").isEmpty()).isTrue();
    ok(deployer().destroy(user), "destroy");
  }

  @Test
  @ConformanceCase("C-06")
  public void c06_unknownManagedPolicyFailsNamingTheArnAndLeavesNothing() {
    AwsIamUser user = scenarioUser("c06", """
        managedPolicyArns: [%s, %s]
        """.formatted(READ_ONLY, UNKNOWN_POLICY));
    String name = user.getSpec().getUserName();
    assertThat(Validator.create().validate(user).isValid()).as("the ARN is well-formed").isTrue();

    Either<DeploymentError, Deployment> result = deployer().apply(user);

    assertThat(result.isLeft()).as("apply with an unknown policy must fail").isTrue();
    assertThat(result.getLeft().message()).contains(UNKNOWN_POLICY);
    assertThatUser(name).isAbsent();
  }

  @Test
  @ConformanceCase("C-07")
  public void c07_caseInsensitiveNames() {
    String suffix = UniqueNames.suffix();
    AwsIamUser lower = renamed(scenarioUser("c07a", "disableAccessKeys: true\n"),
        "c07-lower" + suffix, "svc-x" + suffix);
    AwsIamUser upper = renamed(lower, "c07-upper" + suffix, ("svc-x" + suffix).toUpperCase());
    Either<DeploymentError, ?> both = deployer().applyAll(List.of(lower, upper));
    assertThat(both.isLeft()).as("duplicate names ignoring case are rejected").isTrue();
    assertThat(both.getLeft()).isInstanceOf(DeploymentError.InvalidSpec.class);
    assertThat(calls.calls()).as("no AWS call for a rejected set").isEmpty();
    assertThatUser(lower.getSpec().getUserName()).isAbsent();
    assertThatUser(upper.getSpec().getUserName()).isAbsent();

    AwsIamUser user = scenarioUser("c07b", "disableAccessKeys: true\n");
    String name = user.getSpec().getUserName();
    ok(deployer().apply(user), "apply");
    String userId = live(name).get().userId();
    calls.clear();
    AwsIamUser caseRenamed = withSpec(user, user.getSpec().toBuilder()
        .setUserName(name.toUpperCase(java.util.Locale.ROOT)).build());
    ok(deployer().apply(caseRenamed), "apply after a case-only rename");
    assertThat(calls.operations("IAM")).as("no delete and recreate")
        .doesNotContain("DeleteUser", "CreateUser");
    Option<LiveUser> after = live(caseRenamed.getSpec().getUserName());
    assertThat(after.map(LiveUser::userId)).as("same IAM user").containsExactly(userId);
    ok(deployer().destroy(caseRenamed), "destroy");
  }

  @Test
  @ConformanceCase("C-08")
  public void c08_secretNeverLeaks() throws IOException {
    AwsIamUser user = scenarioUser("c08", "managedPolicyArns: [%s]\n".formatted(READ_ONLY));
    Deployer deployer = deployer();
    StringBuilder texts = new StringBuilder();
    Deployment d;
    try (OutputCapture capture = OutputCapture.start()) {
      texts.append(ok(deployer.preview(user), "preview").describe()).append('\n');
      d = ok(deployer.apply(user), "apply");
      texts.append(d).append('\n').append(d.applied().describe()).append('\n');
      texts.append(ok(deployer.drift(user), "drift").describe()).append('\n');
      texts.append(ok(deployer.outputs(user), "outputs")).append('\n');
      texts.append(ok(deployer.preview(user), "preview after apply").describe()).append('\n');
      Either<DeploymentError, Deployment> failing = deployer.apply(user.toBuilder()
          .setSpec(user.getSpec().toBuilder().addManagedPolicyArns(UNKNOWN_POLICY)).build());
      failing.peekLeft(e -> texts.append(e.message()).append('\n'));
      texts.append(ok(deployer.destroy(user), "destroy").describe()).append('\n');
      texts.append(capture.text());
    }
    Secret secret = d.secret().getOrElse(() -> fail("apply created a key but returned no secret"));
    String plain = secret.reveal();
    String base64 = java.util.Base64.getEncoder()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    assertThat(plain).as("a 40-character secret").hasSize(40);
    assertThat(secret.toString()).doesNotContain(plain);
    assertNoSecret("stdout, stderr, logs, plans, drift, outputs and errors", texts.toString(),
        plain, base64);
    try (Stream<Path> files = Files.walk(stateDirectory)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertNoSecret("state file " + f, Files.readString(f, StandardCharsets.ISO_8859_1), plain,
            base64);
      }
    }
    for (Stack stack : emulator.cloudFormation().describeStacks().stacks()) {
      for (Output o : stack.outputs()) {
        assertNoSecret("stack output " + stack.stackName() + "." + o.outputKey(),
            String.valueOf(o.outputValue()), plain, base64);
      }
      for (Parameter p : stack.parameters()) {
        assertNoSecret("stack parameter " + stack.stackName() + "." + p.parameterKey(),
            String.valueOf(p.parameterValue()), plain, base64);
      }
    }
  }

  @Test
  @ConformanceCase("C-09")
  public void c09_cloudFormationNoOpAndExplicitChangeSetType() {
    AwsIamUser user = scenarioUser("c09", "managedPolicyArns: [%s]\n".formatted(READ_ONLY));
    ok(deployer().apply(user), "apply");
    Deployment second = ok(deployer().apply(user), "second apply of the same manifest");
    assertThat(second.changed()).as("no changes: %s", second.applied().describe()).isFalse();

    java.util.List<CreateChangeSetRequest> created =
        calls.requests("CreateChangeSet", CreateChangeSetRequest.class);
    assertThat(calls.operations("CloudFormation")).as("CloudFormation calls were recorded")
        .isNotEmpty();
    for (CreateChangeSetRequest r : created) {
      assertThat(r.changeSetType()).as("change set %s states its type", r.changeSetName())
          .isNotNull();
    }
    for (String stackName : created.stream().map(CreateChangeSetRequest::stackName).distinct()
        .toList()) {
      java.util.List<ChangeSetSummary> left = emulator.cloudFormation()
          .listChangeSets(r -> r.stackName(stackName)).summaries();
      assertThat(left).as("failed empty change sets are deleted")
          .noneMatch(s -> "FAILED".equals(s.statusAsString()));
    }
    ok(deployer().destroy(user), "destroy");
  }

  @Test
  @ConformanceCase("C-10")
  public void c10_outOfBandGrantsAreDetectedAndRemoved() {
    AwsIamUser user = scenarioUser("c10", """
        managedPolicyArns: [%s]
        disableAccessKeys: true
        """.formatted(READ_ONLY));
    String name = user.getSpec().getUserName();
    ok(deployer().apply(user), "apply");
    iam().attachUserPolicy(r -> r.userName(name).policyArn(ADMIN));
    iam().putUserPolicy(r -> r.userName(name).policyName("OobAllowAll").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
            + "\"Resource\":\"*\"}]}"));

    DriftReport drift = ok(deployer().drift(user), "drift");
    assertThat(drift.differences()).as(drift.describe()).hasSize(2)
        .allMatch(x -> x.kind() == Difference.Kind.OUT_OF_BAND);
    assertThat(drift.differences()).anyMatch(x -> x.resource() == ResourceKind.MANAGED_POLICY_ATTACHMENT
        && x.actual().contains(ADMIN));
    assertThat(drift.differences()).anyMatch(x -> x.resource() == ResourceKind.INLINE_POLICY
        && x.path().endsWith("OobAllowAll"));

    ok(deployer().apply(user), "apply");
    assertThatUser(name).hasExactlyManagedPolicies(READ_ONLY).hasExactlyInlinePolicies();
    Plan next = ok(deployer().preview(user), "preview");
    assertThat(next.isEmpty()).as(next.describe()).isTrue();
    ok(deployer().destroy(user), "destroy");
  }

  @Test
  @ConformanceCase("C-11")
  public void c11_destroyThenApplyTheSameManifestAgain() {
    String secretName = "iamkit-conformance/c11" + UniqueNames.suffix();
    AwsIamUser user = scenarioUser("c11", """
        managedPolicyArns: [%s]
        secretDelivery: {secretName: %s}
        """.formatted(READ_ONLY, secretName));
    String name = user.getSpec().getUserName();

    Deployment first = ok(deployer().apply(user), "first apply");
    String firstKey = first.outputs().getAccessKeyId();
    assertThat(firstKey).isNotEmpty();
    assertThat(secrets(secretName)).as("the secret was delivered").hasSize(1);
    ok(deployer().destroy(user), "first destroy");
    assertNothingLeft(name, secretName);

    Deployment second = ok(deployer().apply(user), "second apply");
    assertThat(second.outputs().getAccessKeyId()).as("a new key id").isNotEmpty()
        .isNotEqualTo(firstKey);
    assertThatUser(name).exists().hasExactlyManagedPolicies(READ_ONLY);
    ok(deployer().destroy(user), "second destroy");
    assertNothingLeft(name, secretName);
  }

  // ---- helpers for subclasses

  /**
   * The result of an operation that must succeed; otherwise the test fails with the error's
   * message (which never carries a secret).
   */
  protected static <T> T ok(Either<DeploymentError, T> result, String what) {
    Objects.requireNonNull(result, what + " returned null");
    if (result.isLeft()) {
      fail(what + " failed: " + result.getLeft().message());
    }
    return result.get();
  }

  /** A canonical manifest from this jar, with unique names. */
  protected static AwsIamUser canonical(String manifest) {
    String resource = "/io/iamkit/testkit/cases/" + manifest + ".yaml";
    try (InputStream in = BackendConformanceSuite.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no canonical manifest " + resource);
      }
      return unique(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user for a scenario: the given {@code spec} YAML lines (two-space indented), unique names. */
  protected static AwsIamUser scenarioUser(String prefix, String specYaml) {
    String yaml = "apiVersion: aws.project-planton.org/v1\nkind: AwsIamUser\nmetadata:\n  name: "
        + prefix + "\nspec:\n  userName: " + prefix + "\n"
        + specYaml.stripTrailing().lines().map(l -> "  " + l).reduce("", (a, l) -> a + l + "\n");
    return unique(parse(yaml, prefix));
  }

  /** The same user with a unique suffix on {@code metadata.name} and {@code spec.userName}. */
  protected static AwsIamUser unique(AwsIamUser user) {
    String suffix = UniqueNames.suffix();
    return renamed(user, fit(user.getMetadata().getName(), suffix, 63),
        fit(user.getSpec().getUserName(), suffix, UniqueNames.MAX_USER_NAME));
  }

  protected static AwsIamUser renamed(AwsIamUser user, String metadataName, String userName) {
    return user.toBuilder()
        .setMetadata(user.getMetadata().toBuilder().setName(metadataName))
        .setSpec(user.getSpec().toBuilder().setUserName(userName))
        .build();
  }

  protected static AwsIamUser withSpec(AwsIamUser user, io.iamkit.model.proto.AwsIamUserSpec spec) {
    return user.toBuilder().setSpec(spec).build();
  }

  private static String fit(String base, String suffix, int max) {
    String head = base.length() + suffix.length() > max ? base.substring(0, max - suffix.length())
        : base;
    return head + suffix;
  }

  private static AwsIamUser parse(String yaml, String source) {
    var parsed = Manifests.parse(yaml, source);
    if (parsed.isInvalid()) {
      throw new IllegalArgumentException(source + ": " + parsed.getError().mkString("; "));
    }
    Seq<AwsIamUser> users = parsed.get();
    if (users.size() != 1) {
      throw new IllegalArgumentException(source + ": expected one manifest, found " + users.size());
    }
    return users.head();
  }

  /** Reads the user back from IAM and checks every field against the spec. */
  protected LiveUser assertReadBackEqualsSpec(AwsIamUser user) {
    var spec = user.getSpec();
    IamUserAssert a = assertThatUser(spec.getUserName()).exists()
        .hasExactlyManagedPolicies(spec.getManagedPolicyArnsList())
        .hasExactlyInlinePolicies(spec.getInlinePoliciesMap().keySet().toArray(String[]::new))
        .hasTagsExactly(StateDiff.expectedTags(user).toJavaMap());
    spec.getInlinePoliciesMap().forEach((policyName, doc) -> a.hasInlinePolicyEqualInMeaningTo(
        policyName, io.iamkit.api.policy.PolicyDocument.of(doc).toJson()));
    if (spec.getDisableAccessKeys()) {
      a.hasNoAccessKeys();
    } else {
      a.hasAccessKeys(1, LiveAccessKey.Status.Active);
    }
    LiveUser live = a.live();
    assertThat(live.path()).isEqualTo(StateDiff.expectedPath(spec));
    return live;
  }

  private java.util.List<SecretListEntry> secrets(String secretName) {
    return emulator.secretsManager().listSecretsPaginator(r -> r.includePlannedDeletion(true))
        .stream().flatMap(page -> page.secretList().stream()).filter(s -> secretName.equals(s.name())).toList();
  }

  private void assertNothingLeft(String userName, String secretName) {
    assertThatUser(userName).isAbsent();
    assertThat(secrets(secretName)).as("no delivered secret remains, not even one pending deletion")
        .isEmpty();
  }

  private static void assertNoSecret(String where, String text, String plain, String base64) {
    if (text.contains(plain) || text.contains(base64)) {
      fail("the secret access key appears in " + where);
    }
  }
}
