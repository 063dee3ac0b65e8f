package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.model.Lint;
import io.iamkit.model.LintWarning;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import picocli.CommandLine.Command;

/** {@code iamkit lint}: least-privilege warnings on valid manifests; no AWS call. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = {"Flag broad grants in valid manifests (no AWS call).",
        "Wildcard actions on every resource, Allow with NotAction, AdministratorAccess, PowerUserAccess or"
            + " IAMFullAccess, a key without policies. Warnings do not fail: exit 0 (2 when a manifest is"
            + " unreadable or invalid)."})
final class LintCommand extends ManifestVerb {
  LintCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(Output out, Seq<AwsIamUser> users) {
    Seq<Tuple2<AwsIamUser, LintWarning>> warnings =
        users.flatMap(u -> Lint.check(u).map(w -> Tuple.of(u, w)));
    ObjectNode doc = out.document(ExitCodes.OK);
    doc.put("users", users.size());
    ArrayNode list = doc.putArray("warnings");
    warnings.forEach(t -> list.add(Shapes.lint(t._1.getMetadata().getName(), t._2)));
    for (AwsIamUser u : users) {
      Seq<LintWarning> own = warnings.filter(t -> t._1 == u).map(Tuple2::_2);
      out.line(u.getMetadata().getName() + ": " + (own.isEmpty() ? "no warnings" : own.size() + " warning(s)"));
      own.forEach(w -> out.line("  " + w.message() + " [" + w.rule() + "]"));
    }
    return out.emit(doc);
  }
}
