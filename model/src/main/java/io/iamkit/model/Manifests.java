package io.iamkit.model;

import io.iamkit.model.internal.ManifestReader;
import io.iamkit.model.internal.ManifestWriter;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads and writes AwsIamUser manifests (YAML or JSON; several documents per file; folders of files).
 * Reading is strict: unknown fields are violations naming the path and line. {@link #read} and
 * {@link #parse} do not run the {@link Validator}; {@link #readAndValidate} and
 * {@link #parseAndValidate} do both and report every reading and rule violation at once.
 *
 * <p>Violations found while reading have the field path as {@code path} (empty for syntax errors)
 * and name the source and line at the start of the message: {@code users.yaml line 7: ...}.
 */
public final class Manifests {
  private Manifests() {}

  /** Reads every manifest in the given files and folders (folders: *.yaml, *.yml, *.json, sorted). */
  public static Validation<Seq<Violation>, Seq<AwsIamUser>> read(Path... paths) {
    ManifestReader.Result read = readFiles(paths);
    return result(read.users(), read.violations());
  }

  /**
   * Reads every manifest in the given files and folders and validates them as a set, reporting every
   * problem at once: reading violations (unknown fields, wrong types, syntax) and the rule violations
   * of every manifest, including what could be read of a manifest that has reading violations
   * (less the rules on a field whose reading already failed). Valid: the users, ready to deploy.
   */
  public static Validation<Seq<Violation>, Seq<AwsIamUser>> readAndValidate(Validator validator, Path... paths) {
    Objects.requireNonNull(validator, "validator");
    return validated(validator, readFiles(paths));
  }

  /** As {@link #readAndValidate(Validator, Path...)}, for text (YAML or JSON). */
  public static Validation<Seq<Violation>, Seq<AwsIamUser>> parseAndValidate(
      Validator validator, String text, String sourceName) {
    Objects.requireNonNull(validator, "validator");
    return validated(validator, ManifestReader.read(text, sourceName));
  }

  private static Validation<Seq<Violation>, Seq<AwsIamUser>> validated(Validator validator, ManifestReader.Result read) {
    List<AwsIamUser> all = new ArrayList<>(read.users());
    read.partial().forEach(p -> all.add(p.user()));
    List<List<Violation>> byUser = validator.checkAll(io.vavr.collection.List.ofAll(all));
    List<Violation> violations = new ArrayList<>(read.violations());
    for (int i = 0; i < all.size(); i++) {
      List<String> unread = i < read.users().size() ? List.of()
          : read.partial().get(i - read.users().size()).violationPaths();
      byUser.get(i).stream().filter(v -> !coveredBy(v.path(), unread)).forEach(violations::add);
    }
    return result(read.users(), violations);
  }

  /** Whether a rule on {@code path} concerns a field whose reading already failed. */
  private static boolean coveredBy(String path, List<String> unread) {
    for (String u : unread) {
      if (u.isEmpty() || path.equals(u) || path.startsWith(u + ".") || path.startsWith(u + "[")) {
        return true;
      }
    }
    return false;
  }

  private static ManifestReader.Result readFiles(Path... paths) {
    Objects.requireNonNull(paths, "paths");
    List<AwsIamUser> users = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    List<ManifestReader.Partial> partial = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : files(Objects.requireNonNull(path, "path"), violations)) {
        String text;
        try {
          text = Files.readString(file);
        } catch (CharacterCodingException e) {
          violations.add(new Violation("", "manifest.io", file + ": not UTF-8 text"));
          continue;
        } catch (IOException e) {
          violations.add(new Violation("", "manifest.io", file + ": cannot be read (" + e.getMessage() + ")"));
          continue;
        }
        ManifestReader.Result result = ManifestReader.read(text, file.toString());
        users.addAll(result.users());
        violations.addAll(result.violations());
        partial.addAll(result.partial());
      }
    }
    return new ManifestReader.Result(users, violations, partial);
  }

  private static List<Path> files(Path path, List<Violation> violations) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      violations.add(new Violation("", "manifest.io", path + ": no such file or folder"));
      return List.of();
    }
    try (Stream<Path> children = Files.list(path)) {
      return children
          .filter(Files::isRegularFile)
          .filter(child -> {
            String name = child.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      violations.add(new Violation("", "manifest.io", path + ": cannot be listed (" + e.getMessage() + ")"));
      return List.of();
    }
  }

  /** Reads manifests from text (YAML or JSON, possibly several YAML documents). */
  public static Validation<Seq<Violation>, Seq<AwsIamUser>> parse(String text, String sourceName) {
    ManifestReader.Result result = ManifestReader.read(text, sourceName);
    return result(result.users(), result.violations());
  }

  /** Writes one user as a YAML manifest that reads back to an equal value. */
  public static String toYaml(AwsIamUser user) {
    return ManifestWriter.toYaml(Objects.requireNonNull(user, "user"));
  }

  /** Writes one user as a JSON manifest that reads back to an equal value. */
  public static String toJson(AwsIamUser user) {
    return ManifestWriter.toJson(Objects.requireNonNull(user, "user"));
  }

  private static Validation<Seq<Violation>, Seq<AwsIamUser>> result(List<AwsIamUser> users, List<Violation> violations) {
    return violations.isEmpty()
        ? Validation.valid(io.vavr.collection.List.ofAll(users))
        : Validation.invalid(io.vavr.collection.List.ofAll(violations));
  }
}
