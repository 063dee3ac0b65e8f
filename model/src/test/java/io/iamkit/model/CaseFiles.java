package io.iamkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the case manifests copied from the shared case list into test resources. */
final class CaseFiles {
  private CaseFiles() {}

  static Path path(String relative) {
    try {
      return Path.of(CaseFiles.class.getResource("/cases/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one case file, which must parse, and returns its single user. */
  static AwsIamUser user(String relative) {
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.read(path(relative));
    assertThat(read.isValid()).as("read %s: %s", relative, read).isTrue();
    assertThat(read.get()).hasSize(1);
    return read.get().head();
  }

  /** Reads and validates one case file; returns all violations of both steps. */
  static Seq<Violation> violations(String relative) {
    Validation<Seq<Violation>, Seq<AwsIamUser>> read = Manifests.read(path(relative));
    if (read.isInvalid()) {
      return read.getError();
    }
    return Validator.create().validateAll(read.get()).fold(v -> v, ok -> io.vavr.collection.List.empty());
  }
}
