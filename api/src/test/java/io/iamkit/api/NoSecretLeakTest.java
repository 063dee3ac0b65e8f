package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.RecordingBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** C-08 at the API level: the secret shows in no toString, message, event or log line of an API type. */
class NoSecretLeakTest {
  private static final String SECRET = RecordingBackend.SECRET_VALUE;
  private static final String SECRET_B64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger root;
  private Level previous;

  @BeforeEach
  void captureLogs() {
    RecordingBackend.reset();
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(Level.TRACE);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logs);
    root.setLevel(previous);
  }

  private static void assertClean(String what, String text) {
    assertThat(text).as(what).doesNotContain(SECRET).doesNotContain(SECRET_B64);
  }

  @Test
  void c08_secretAppearsInNoApiTextButIsObtainableOnce() {
    var events = new ArrayList<ProgressEvent>();
    Secret keySecret = Secret.of(SECRET);
    AwsTarget target = AwsTarget.fromEnvironment(Map.of("AWS_REGION", "us-east-1")).toBuilder()
        .credentials(AwsCredentials.of("AKIAEXAMPLE", keySecret, Secret.of(SECRET))).build();
    Deployer deployer = Deployer.builder().backend("recording").target(target).listener(events::add).build();

    var deployment = deployer.apply(TestUsers.valid("svc", "svc-user")).get();

    // the supported channel still works
    assertThat(deployment.secret().get().reveal()).isEqualTo(SECRET);

    assertClean("Deployment.toString", deployment.toString());
    assertClean("Plan.describe", deployment.applied().describe());
    assertClean("AwsTarget.toString", target.toString());
    assertClean("AwsCredentials.toString", target.credentials().toString());
    assertClean("BackendContext.toString", new BackendContext(target, events::add, DeployOptions.defaults()).toString());
    assertClean("Deployer preview", deployer.preview(TestUsers.valid("svc", "svc-user")).get().describe());
    events.forEach(e -> assertClean("event", e.toString()));

    // failures: messages and events
    RecordingBackend.failApplyWith = new DeploymentError.BackendFailed("recording", "engine crashed");
    var failed = deployer.apply(TestUsers.valid("svc", "svc-user"));
    assertClean("error message", failed.getLeft().message());
    assertClean("error toString", failed.getLeft().toString());
    events.forEach(e -> assertClean("event", e.toString()));

    // logs at the most verbose level, formatted with their arguments
    assertThat(logs.list).isNotEmpty();
    assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.DEBUG && e.getFormattedMessage().contains("Deployment["));
    logs.list.forEach(e -> assertClean("log line", e.getFormattedMessage()));
  }
}
