package io.iamkit.cli;

import io.iamkit.model.Manifests;
import io.iamkit.model.Validator;
import io.iamkit.model.Violation;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -f PATH...}: the manifests a command works on. */
final class ManifestOptions {
  @Option(names = {"-f", "--file"}, paramLabel = "PATH", required = true, arity = "1..*",
      description = "Manifest files or folders (*.yaml, *.yml, *.json directly in them); repeatable")
  java.util.List<Path> paths;

  /**
   * Reads every manifest and validates them as one set (user names unique ignoring case). Every
   * problem is reported at once, reading problems (which name the file and line) and broken rules.
   */
  Validation<Seq<Violation>, Seq<AwsIamUser>> read(CliContext ctx) {
    Path[] resolved = paths.stream().map(ctx::resolve).toArray(Path[]::new);
    return Manifests.readAndValidate(Validator.create(), resolved)
        .flatMap(users -> users.isEmpty()
            ? Validation.invalid(List.of(new Violation("", "manifest.none",
                "no manifests found in " + List.ofAll(paths).mkString(", ")
                    + " (a folder is read for *.yaml, *.yml and *.json files directly in it)")))
            : Validation.valid(users));
  }
}
