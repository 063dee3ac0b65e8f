package io.iamkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoInstallationTest {

  @TempDir Path tmp;

  @Test
  void findsAnExecutableMotoServerOnPathInOrder() throws IOException {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Path notExecutable = Files.createDirectory(tmp.resolve("noexec"));
    Files.writeString(notExecutable.resolve("moto_server"), "#!/bin/sh\n");
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path exe = Files.writeString(bin.resolve("moto_server"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = String.join(File.pathSeparator, empty.toString(), notExecutable.toString(),
        bin.toString());
    assertThat(MotoInstallation.onPath(path)).contains(exe);
  }

  @Test
  void nothingOnPathIsEmpty() {
    assertThat(MotoInstallation.onPath(tmp.toString())).isEmpty();
    assertThat(MotoInstallation.onPath(null)).isEmpty();
  }

  @Test
  void projectVenvLivesAtTheRepositoryRoot() {
    assertThat(MotoInstallation.venvExecutable(Path.of("/repo")))
        .isEqualTo(Path.of("/repo/.venv/bin/moto_server"));
  }

  @Test
  void repositoryRootIsFoundFromTheModuleDirectory() {
    assertThat(Settings.repoRoot()).hasValueSatisfying(root ->
        assertThat(root.resolve("scripts/install-moto.sh")).isRegularFile());
  }

  @Test
  void looksBehindAPyenvShimWhenOneVersionHasMoto() throws IOException {
    Path shims = Files.createDirectories(tmp.resolve("pyenv/shims"));
    Path shim = executable(shims.resolve("moto_server"));
    Path real = executable(Files.createDirectories(tmp.resolve("pyenv/versions/3.11.7/bin"))
        .resolve("moto_server"));
    Files.createDirectories(tmp.resolve("pyenv/versions/3.12.1/bin"));
    assertThat(MotoInstallation.behindShim(shim)).isEqualTo(real);
    assertThat(MotoInstallation.onPath(shims.toString())).contains(real);

    executable(Files.createDirectories(tmp.resolve("pyenv/versions/3.13.0/bin"))
        .resolve("moto_server"));
    assertThat(MotoInstallation.behindShim(shim)).as("ambiguous: the shim decides")
        .isEqualTo(shim);
  }

  private static Path executable(Path p) throws IOException {
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}
