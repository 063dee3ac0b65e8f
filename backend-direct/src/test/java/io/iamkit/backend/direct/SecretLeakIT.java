package io.iamkit.backend.direct;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.SecretDelivery;
import io.iamkit.testkit.AwsEmulator;
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
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * C-08 from this backend's side: every logger (the AWS SDK and its HTTP client included) at TRACE,
 * stdout and stderr captured, plus events, plans, outputs, notes, drift and error messages of a full
 * lifecycle with a returned key and one with a delivered key. Neither secret, nor its base64 form,
 * appears anywhere; the caller still gets it through {@code Deployment.secret()} or Secrets Manager.
 */
@IamkitEmulator
class SecretLeakIT {
  @FromEmulator AwsEmulator emulator;
  @FromEmulator SecretsManagerClient secrets;

  static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<String> lines = new ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent e) {
      lines.add(e.getLoggerName() + " " + e.getFormattedMessage()
          + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
    }
  }

  @Test
  void c08_secretAppearsInNoLogAtTraceNoOutputEventPlanOrError() {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    Map<Logger, Level> levels = new HashMap<>();
    for (Logger l : logback.getLoggerList()) {
      levels.put(l, l.getLevel());
      l.setLevel(Level.TRACE);
    }
    Capture capture = new Capture();
    capture.setContext(logback);
    capture.start();
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(capture);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    StringBuilder texts = new StringBuilder();
    List<String> secretValues = new ArrayList<>();
    Fixture fx = new Fixture(emulator);
    String deliveredSecret = null;
    ValidatedUser cleanup = null;
    try {
      // a key handed back to the caller
      AwsIamUser returned = Fixture.manifest("payment-service-user");
      secretValues.add(lifecycle(fx, returned, texts).secret().get().reveal());
      // a key delivered to Secrets Manager
      String secretName = "iamkit/" + UniqueNames.name("c08", 100);
      AwsIamUser delivered = Fixture.edit(Fixture.manifest("payment-service-user"),
          s -> s.setSecretDelivery(SecretDelivery.newBuilder().setSecretName(secretName)));
      ValidatedUser v = Fixture.valid(delivered);
      Deployment d = ok(fx.backend.apply(fx.context, v));
      texts.append(d).append(d.notes()).append(d.outputs());
      assertThat(d.secret().isEmpty()).isTrue();
      deliveredSecret = secretName;
      cleanup = v;
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.detachAppender(capture);
      levels.forEach(Logger::setLevel);
    }
    // the supported channel, read outside the capture (the test's own client is not the backend's)
    String name = deliveredSecret;
    String json = secrets.getSecretValue(r -> r.secretId(name)).secretString();
    secretValues.add(io.iamkit.api.internal.Json.parseObject(json).getFieldsOrThrow("secretAccessKey").getStringValue());
    texts.append(ok(fx.backend.destroy(fx.context, cleanup)).describe());
    texts.append(fx.events);
    String everything = texts + "\n" + console.toString(StandardCharsets.UTF_8) + "\n" + String.join("\n", capture.lines);

    assertThat(capture.lines).as("TRACE logging was captured").isNotEmpty();
    assertThat(capture.lines).anyMatch(l -> l.startsWith("software.amazon.awssdk"));
    for (String secret : secretValues) {
      assertThat(secret).hasSize(40);
      String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
      // on failure, name where (logger names, never the line: it holds the secret)
      List<String> leakingLoggers = capture.lines.stream().filter(l -> l.contains(secret) || l.contains(base64))
          .map(l -> l.substring(0, l.indexOf(' '))).distinct().toList();
      assertThat(leakingLoggers).as("loggers that wrote the secret").isEmpty();
      assertThat(everything.contains(secret)).as("the secret appears in output, events, plans or errors").isFalse();
      assertThat(everything.contains(base64)).as("the base64 secret appears in output, events, plans or errors").isFalse();
    }
  }

  private static Deployment lifecycle(Fixture fx, AwsIamUser user, StringBuilder texts) {
    ValidatedUser v = Fixture.valid(user);
    texts.append(ok(fx.backend.preview(fx.context, v)).describe());
    Deployment d = ok(fx.backend.apply(fx.context, v));
    texts.append(d).append(d.applied().describe()).append(d.notes()).append(d.outputs());
    Deployment again = ok(fx.backend.apply(fx.context, v));
    texts.append(again).append(again.notes());
    texts.append(ok(fx.backend.drift(fx.context, v)).describe());
    texts.append(ok(fx.backend.outputs(fx.context, v)));
    Either<DeploymentError, Deployment> failing = fx.backend.apply(fx.context, Fixture.valid(Fixture.edit(user,
        s -> s.addManagedPolicyArns("arn:aws:iam::aws:policy/DoesNotExistPolicy"))));
    assertThat(failing.isLeft()).isTrue();
    texts.append(failing.getLeft().message()).append(failing.getLeft());
    texts.append(ok(fx.backend.destroy(fx.context, v)).describe());
    return d;
  }

  private static <T> T ok(Either<DeploymentError, T> r) {
    assertThat(r.isRight()).as(() -> r.isLeft() ? r.getLeft().message() : "").isTrue();
    return r.get();
  }
}
