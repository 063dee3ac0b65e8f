package io.iamkit.backend.pulumi;

import io.iamkit.api.Availability;
import io.iamkit.api.Deployment;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.spi.Backend;
import io.iamkit.api.spi.BackendContext;
import io.iamkit.api.spi.ValidatedUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The real {@link PulumiBackend}, registered for {@code PulumiBackendDeployerTest} through its own
 * service file, in an environment that has a {@code pulumi} executable on PATH (never run) and no
 * passphrase; its engine is a {@link ScriptedEngine} that counts whether it was ever opened.
 */
public final class PassphraselessPulumiBackend implements Backend {
  static final ScriptedEngine ENGINE = new ScriptedEngine();
  private static final Path BIN;

  static {
    try {
      BIN = Files.createTempDirectory("iamkit-fake-pulumi-bin");
      Path pulumi = Files.writeString(BIN.resolve("pulumi"), "#!/bin/sh\nexit 1\n");
      Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwx------"));
      BIN.toFile().deleteOnExit();
      pulumi.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private final Backend delegate = new PulumiBackend(Map.of("PATH", BIN.toString()), "Linux", ENGINE);

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Availability availability() {
    return delegate.availability();
  }

  @Override
  public Either<DeploymentError, Plan> preview(BackendContext context, ValidatedUser user) {
    return delegate.preview(context, user);
  }

  @Override
  public Either<DeploymentError, Deployment> apply(BackendContext context, ValidatedUser user) {
    return delegate.apply(context, user);
  }

  @Override
  public Either<DeploymentError, Option<AwsIamUserOutputs>> outputs(BackendContext context, ValidatedUser user) {
    return delegate.outputs(context, user);
  }

  @Override
  public Either<DeploymentError, DriftReport> drift(BackendContext context, ValidatedUser user) {
    return delegate.drift(context, user);
  }

  @Override
  public Either<DeploymentError, DestroyReport> destroy(BackendContext context, ValidatedUser user) {
    return delegate.destroy(context, user);
  }
}
