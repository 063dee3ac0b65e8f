package io.iamkit.backend.cloudformation;

import static io.iamkit.backend.cloudformation.Fixture.ok;
import static io.iamkit.backend.cloudformation.Fixture.valid;
import static io.iamkit.testkit.IamAssertions.assertThatKey;
import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.api.Change;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.Difference;
import io.iamkit.api.Plan;
import io.iamkit.api.ResourceKind;
import io.iamkit.api.Secret;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.EmulatorKind;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The access key's secret on this backend: it goes from the key into the stack's
 * {@code AWS::SecretsManager::Secret} inside CloudFormation, is returned once from there when the
 * spec does not deliver it, and appears in no log (every logger at TRACE), console output, event,
 * plan, error, drift, outputs, stack output, stack event or template. moto skips
 * {@code AWS::SecretsManager::Secret}, so there is no secret to follow there: these tests run on
 * LocalStack (and any emulator that creates the secret) and are skipped on moto with that reason.
 */
@IamkitEmulator
class CloudFormationSecretIT {
  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;
  @FromEmulator CloudFormationClient cfn;
  @FromEmulator SecretsManagerClient secrets;

  static final String KEYED = "inlinePolicies:\n  " + CloudFormationBackendIT.READ;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void needsTheSecretResource() {
    assumeTrue(emulator.kind() != EmulatorKind.MOTO, "moto skips AWS::SecretsManager::Secret (\"No Moto "
        + "CloudFormation support\"), so no secret exists to return or to look for; see EMULATOR-NOTES.md");
  }

  /** Collects every log event of every logger, at TRACE, for the duration of a test. */
  static final class TraceLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    TraceLog() {
      for (Logger l : logback.getLoggerList()) {
        levels.put(l, l.getLevel());
        l.setLevel(Level.TRACE);
      }
      setContext(logback);
      start();
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this);
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Override
    protected synchronized void append(ILoggingEvent e) {
      lines.add(e.getLoggerName() + " " + e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }

    synchronized String text() {
      return String.join("\n", lines) + "\n" + console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      System.setOut(out);
      System.setErr(err);
      logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this);
      levels.forEach(Logger::setLevel);
      stop();
    }
  }

  @Test
  void c08_secretIsReturnedOnceFromSecretsManagerAndAppearsNowhereElse() throws Exception {
    AwsIamUser user = Fixture.user("cfn-c08", KEYED);
    String name = user.getSpec().getUserName();
    String stackName = CloudFormationBackend.template(user).stackName();
    Fixture fx = new Fixture(emulator);
    StringBuilder texts = new StringBuilder();
    Deployment first;
    Deployment second;
    try (TraceLog log = new TraceLog()) {
      texts.append(ok(fx.backend.preview(fx.context, valid(user)), "preview").describe());
      first = ok(fx.backend.apply(fx.context, valid(user)), "apply");
      texts.append(first).append(first.applied().describe()).append(first.notes());
      texts.append(ok(fx.backend.drift(fx.context, valid(user)), "drift").describe());
      texts.append(ok(fx.backend.outputs(fx.context, valid(user)), "outputs"));
      texts.append(ok(fx.backend.preview(fx.context, valid(user)), "second preview").describe());
      second = ok(fx.backend.apply(fx.context, valid(user)), "second apply");
      texts.append(second).append(second.notes());
      AwsIamUser broken = user.toBuilder().setSpec(user.getSpec().toBuilder()
          .addManagedPolicyArns("arn:aws:iam::aws:policy/DoesNotExistPolicy")).build();
      Either<DeploymentError, Deployment> failing = fx.backend.apply(fx.context, valid(broken));
      texts.append(failing.getLeft().message());
      texts.append(cfn.describeStacks(r -> r.stackName(stackName)).stacks());
      texts.append(cfn.describeStackEvents(r -> r.stackName(stackName)).stackEvents());
      texts.append(cfn.listStackResources(r -> r.stackName(stackName)).stackResourceSummaries());
      texts.append(cfn.getTemplate(r -> r.stackName(stackName)).templateBody());
      texts.append(fx.events);
      texts.append(log.text());
    }
    Secret secret = first.secret().getOrElseThrow(() -> new AssertionError("the creating apply returned no secret"));
    String keyId = first.outputs().getAccessKeyId();
    String plain = secret.reveal();
    assertThat(plain).hasSize(40);
    assertThat(texts.toString()).as("the secret in logs, console, plans, events, outputs, stack or template")
        .doesNotContain(plain)
        .doesNotContain(Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    assertThat(second.secret()).as("returned once only").isEmpty();
    assertThat(second.notes()).anyMatch(n -> n.contains(keyId) && n.contains("iamkit/" + user.getMetadata().getName()));

    JsonNode stored = JSON.readTree(secrets.getSecretValue(r -> r.secretId(first.outputs().getSecretArn())).secretString());
    assertThat(stored.path("accessKeyId").asText()).isEqualTo(keyId);
    assertThat(stored.path("userName").asText()).isEqualTo(name);
    assertThat(Secret.of(stored.path("secretAccessKey").asText()).sameValueAs(secret)).isTrue();
    assertThatKey(emulator, keyId, secret).authenticatesAs(first.outputs().getUserArn());
    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
    assertThat(secretsNamed("iamkit/" + user.getMetadata().getName())).as("the secret went with the stack").isEmpty();
  }

  /** C-04 and C-11 on this backend, with a user whose stack the emulator can delete (no managed policy). */
  @Test
  void deliveredSecretIsNotReturnedAndFollowsTheKeyThroughStatusDriftDisableEnableAndDestroy() throws Exception {
    String secretName = "iamkit-it/cfn" + UniqueNames.suffix();
    AwsIamUser user = Fixture.user("cfn-c04", KEYED + "secretDelivery: {secretName: " + secretName + "}\n");
    String name = user.getSpec().getUserName();
    AwsIamUser disabled = user.toBuilder().setSpec(user.getSpec().toBuilder().setDisableAccessKeys(true)).build();
    Fixture fx = new Fixture(emulator);

    Deployment first = ok(fx.backend.apply(fx.context, valid(user)), "apply");
    String key = first.outputs().getAccessKeyId();
    assertThat(first.secret()).as("a delivered key is not returned").isEmpty();
    assertThat(first.notes()).anyMatch(n -> n.contains(secretName));
    assertThat(first.outputs().getSecretArn()).isNotEmpty();
    assertThat(storedKeyId(secretName)).isEqualTo(key);

    iam.updateAccessKey(r -> r.userName(name).accessKeyId(key).status(StatusType.INACTIVE));
    Deployment reactivated = ok(fx.backend.apply(fx.context, valid(user)), "apply after out-of-band deactivation");
    assertThat(reactivated.applied().changes()).extracting(Change::action, Change::kind, Change::resource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Change.Action.UPDATE, ResourceKind.ACCESS_KEY, key));
    assertThatUser(iam, name).hasOnlyAccessKey(key, LiveAccessKey.Status.Active);

    Deployment off = ok(fx.backend.apply(fx.context, valid(disabled)), "apply disableAccessKeys: true");
    assertThatUser(iam, name).hasNoAccessKeys();
    assertThat(off.outputs().getAccessKeyId()).isEmpty();
    assertThat(off.outputs().getSecretArn()).isEmpty();
    assertThat(secretsNamed(secretName)).as("no stale secret, not even pending deletion").isEmpty();

    Deployment on = ok(fx.backend.apply(fx.context, valid(user)), "apply disableAccessKeys: false");
    String newKey = on.outputs().getAccessKeyId();
    assertThat(newKey).isNotEmpty().isNotEqualTo(key);
    assertThatUser(iam, name).hasOnlyAccessKey(newKey, LiveAccessKey.Status.Active);
    assertThat(storedKeyId(secretName)).isEqualTo(newKey);

    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
    assertThatUser(iam, name).isAbsent();
    assertThat(secretsNamed(secretName)).isEmpty();
    Deployment again = ok(fx.backend.apply(fx.context, valid(user)), "apply the same manifest again");
    assertThat(again.outputs().getAccessKeyId()).isNotEmpty().isNotEqualTo(newKey);
    ok(fx.backend.destroy(fx.context, valid(user)), "second destroy");
    assertThat(secretsNamed(secretName)).isEmpty();
  }

  /**
   * The stack's key deleted out of band: the plan raises the template's Serial, so that
   * CloudFormation replaces the key (its documented rotation). LocalStack 4.14 does create a new key
   * but its clean-up of the replaced one drops the stack's AccessKey record (and the secret keeps the
   * old key id): the read-back catches it, as the stack's key missing and the new one not the stack's,
   * and destroy still leaves nothing. moto never gets here (no secret); it would fail anyway: a Serial
   * change makes it create keys until IAM's limit of two.
   */
  @Test
  void stackKeyDeletedOutOfBandIsPlannedAsASerialRotation() {
    AwsIamUser user = Fixture.user("cfn-serial", KEYED);
    String name = user.getSpec().getUserName();
    Fixture fx = new Fixture(emulator);
    Deployment first = ok(fx.backend.apply(fx.context, valid(user)), "apply");
    String key = first.outputs().getAccessKeyId();
    iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key));

    Plan plan = ok(fx.backend.preview(fx.context, valid(user)), "preview");
    assertThat(plan.changes()).extracting(Change::action, Change::kind, Change::resource).contains(
        org.assertj.core.groups.Tuple.tuple(Change.Action.REPLACE, ResourceKind.ACCESS_KEY, key));
    assertThat(plan.describe()).contains("Serial: 1 -> 2");
    Either<DeploymentError, Deployment> rotated = fx.backend.apply(fx.context, valid(user));

    if (emulator.kind() == EmulatorKind.LOCALSTACK || emulator.kind() == EmulatorKind.LOCALSTACK_PROCESS) {
      assertThat(rotated.getLeft()).isInstanceOfSatisfying(DeploymentError.VerificationFailed.class, v ->
          assertThat(v.differences()).extracting(Difference::kind, Difference::resource).containsExactly(
              org.assertj.core.groups.Tuple.tuple(Difference.Kind.MISSING, ResourceKind.ACCESS_KEY),
              org.assertj.core.groups.Tuple.tuple(Difference.Kind.OUT_OF_BAND, ResourceKind.ACCESS_KEY)));
    } else {
      String newKey = ok(rotated, "apply").outputs().getAccessKeyId();
      assertThat(newKey).isNotEmpty().isNotEqualTo(key);
      assertThatUser(iam, name).hasOnlyAccessKey(newKey, LiveAccessKey.Status.Active);
      assertThat(rotated.get().secret()).as("the new key's secret, from Secrets Manager").hasSize(1);
      assertThat(rotated.get().notes()).anyMatch(n -> n.contains("Serial goes to 2"));
    }
    ok(fx.backend.destroy(fx.context, valid(user)), "destroy");
    assertThatUser(iam, name).isAbsent();
  }

  private String storedKeyId(String secretName) throws Exception {
    return JSON.readTree(secrets.getSecretValue(r -> r.secretId(secretName)).secretString()).path("accessKeyId").asText();
  }

  private List<String> secretsNamed(String secretName) {
    return secrets.listSecretsPaginator(r -> r.includePlannedDeletion(true)).stream()
        .flatMap(page -> page.secretList().stream())
        .filter(s -> secretName.equals(s.name())).map(s -> s.name() + " " + s.deletedDate()).toList();
  }
}
