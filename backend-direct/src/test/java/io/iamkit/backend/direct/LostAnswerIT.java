package io.iamkit.backend.direct;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.Deployment;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.Secret;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.live.EventualConsistency;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;

/**
 * A request that reaches IAM but whose answer is lost on the way back (connection reset, read
 * timeout). CreateAccessKey is not idempotent: sending it again makes a second key, and the secret of
 * the first one is gone with the lost answer. Between the backend and the emulator sits a proxy that
 * forwards the first CreateAccessKey and then drops the connection instead of answering.
 */
@IamkitEmulator
class LostAnswerIT {
  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
      "upgrade", "transfer-encoding");

  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;

  private HttpServer proxy;
  private final HttpClient forward = HttpClient.newHttpClient();
  private final AtomicBoolean dropped = new AtomicBoolean();
  private final List<String> operations = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void startProxy() throws IOException {
    proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", this::relay);
    proxy.start();
  }

  @AfterEach
  void stopProxy() {
    proxy.stop(0);
  }

  private void relay(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String operation = operation(new String(body, StandardCharsets.UTF_8));
    operations.add(operation);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.endpoint().toString().replaceAll("/$", "")
            + exchange.getRequestURI()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> request.header(name, v));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (operation.equals("CreateAccessKey") && dropped.compareAndSet(false, true)) {
      // IAM made the key; its answer (with the secret) never arrives
      throw new IOException("answer dropped by the test proxy");
    }
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        values.forEach(v -> exchange.getResponseHeaders().add(name, v));
      }
    });
    exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }

  private static String operation(String form) {
    for (String pair : form.split("&")) {
      if (pair.startsWith("Action=")) {
        return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Test
  void aCreateAccessKeyWhoseAnswerIsLostLeavesNoKeyWhoseSecretNobodyHolds() {
    AwsIamUser u = Fixture.manifest("payment-service-user");
    String userName = u.getSpec().getUserName();
    List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    AwsTarget throughProxy = new AwsTarget(Option.of(emulator.region().id()),
        Option.of(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort())),
        AwsCredentials.of(AwsEmulator.ACCESS_KEY_ID, Secret.of(AwsEmulator.SECRET_ACCESS_KEY)));
    DirectBackend backend = new DirectBackend(EventualConsistency.DEFAULT);

    Either<DeploymentError, Deployment> first =
        backend.apply(new BackendContext(throughProxy, events::add, DeployOptions.defaults()), Fixture.valid(u));

    assertThat(dropped).isTrue();
    List<String> keysAfterFirst = keyIds(userName);
    if (first.isRight()) {
      // whatever the backend does about the lost answer, the key it reports is the only one, and it is its own
      assertThat(keysAfterFirst).containsExactly(first.get().outputs().getAccessKeyId());
      assertThat(first.get().secret().isDefined()).isTrue();
    } else {
      assertThat(first.getLeft().message()).contains("CreateAccessKey").contains(userName);
      assertThat(keysAfterFirst).as("a key whose secret never arrived is deleted again").isEmpty();
      assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ProgressEvent.Message.class,
          m -> assertThat(m.text()).contains("CreateAccessKey").contains("deleted")));
    }

    // the next apply (answers arrive) ends with exactly one key, iamkit's own, and no drift
    Fixture fx = new Fixture(emulator);
    Deployment second = fx.backend.apply(fx.context, Fixture.valid(u)).get();
    assertThat(keyIds(userName)).containsExactly(second.outputs().getAccessKeyId());
    assertThat(fx.backend.drift(fx.context, Fixture.valid(u)).get().differences()).isEmpty();
    fx.backend.destroy(fx.context, Fixture.valid(u)).get();
  }

  private List<String> keyIds(String userName) {
    return iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata().stream()
        .map(AccessKeyMetadata::accessKeyId).toList();
  }
}
