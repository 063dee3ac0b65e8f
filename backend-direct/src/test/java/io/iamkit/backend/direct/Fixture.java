package io.iamkit.backend.direct;

import io.iamkit.api.AwsCredentials;
import io.iamkit.api.AwsTarget;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.ProgressEvent;
import io.iamkit.api.Secret;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.live.EventualConsistency;
import io.iamkit.model.Manifests;
import io.iamkit.model.Validator;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.UniqueNames;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** A direct backend pointed at an emulator, with its calls and events recorded. */
final class Fixture {
  final CallLog calls = new CallLog();
  final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
  final DirectBackend backend = new DirectBackend(EventualConsistency.DEFAULT);
  final BackendContext context;

  Fixture(AwsEmulator emulator) {
    this(emulator, DeployOptions.defaults());
  }

  Fixture(AwsEmulator emulator, DeployOptions options) {
    this.context = new BackendContext(target(emulator).withObserver(calls), events::add, options);
  }

  static AwsTarget target(AwsEmulator emulator) {
    return new AwsTarget(Option.of(emulator.region().id()), Option.of(emulator.endpoint()),
        AwsCredentials.of(AwsEmulator.ACCESS_KEY_ID, Secret.of(AwsEmulator.SECRET_ACCESS_KEY)));
  }

  /** A canonical manifest from the cases, with a user name and metadata.name unique to this run. */
  static AwsIamUser manifest(String file) {
    try (InputStream in = Fixture.class.getResourceAsStream("/manifests/" + file + ".yaml")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      var parsed = Manifests.parse(text, file);
      if (parsed.isInvalid()) {
        throw new IllegalStateException(parsed.getError().mkString("; "));
      }
      return unique(parsed.get().head());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Gives the user a run-unique user name and metadata.name (tests share one emulator). */
  static AwsIamUser unique(AwsIamUser user) {
    String userName = UniqueNames.user(user.getSpec().getUserName());
    String name = ("m-" + userName).replaceAll("[^a-zA-Z0-9-]", "-");
    name = name.length() > 63 ? name.substring(name.length() - 63).replaceFirst("^[^a-zA-Z]+", "m") : name;
    return user.toBuilder()
        .setMetadata(user.getMetadata().toBuilder().setName(name.toLowerCase(Locale.ROOT)))
        .setSpec(user.getSpec().toBuilder().setUserName(userName))
        .build();
  }

  static AwsIamUser edit(AwsIamUser user, Consumer<io.iamkit.model.proto.AwsIamUserSpec.Builder> change) {
    var spec = user.getSpec().toBuilder();
    change.accept(spec);
    return user.toBuilder().setSpec(spec).build();
  }

  static ValidatedUser valid(AwsIamUser user) {
    var validated = ValidatedUser.validate(user, Validator.create());
    if (validated.isInvalid()) {
      throw new IllegalArgumentException(validated.getError().mkString("; "));
    }
    return validated.get();
  }
}
