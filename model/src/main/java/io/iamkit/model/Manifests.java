package io.iamkit.model;

import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;

/**
 * Reads and writes AwsIamUser manifests (YAML or JSON; several documents per file; folders of files).
 * Reading is strict: unknown fields are violations naming the path and line. Reading does not run
 * the {@link Validator}; callers validate the result.
 */
public final class Manifests {
  private Manifests() {}

  /** Reads every manifest in the given files and folders (folders: *.yaml, *.yml, *.json, sorted). */
  public static Validation<Seq<Violation>, Seq<AwsIamUser>> read(Path... paths) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Reads manifests from text (YAML or JSON, possibly several YAML documents). */
  public static Validation<Seq<Violation>, Seq<AwsIamUser>> parse(String text, String sourceName) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Writes one user as a YAML manifest that reads back to an equal value. */
  public static String toYaml(AwsIamUser user) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** Writes one user as a JSON manifest that reads back to an equal value. */
  public static String toJson(AwsIamUser user) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
