package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import picocli.CommandLine.Command;

/** {@code iamkit validate}: reads and validates manifests; no AWS call. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check manifests against every rule (no AWS call). Exit 0 when all are valid, 2 otherwise.")
final class ValidateCommand extends ManifestVerb {
  ValidateCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int run(Output out, Seq<AwsIamUser> users) {
    ObjectNode doc = out.document(ExitCodes.OK);
    ArrayNode list = doc.putArray("users");
    users.forEach(u -> list.add(Shapes.user(u)));
    out.line(users.size() + " manifest(s) valid:");
    int width = users.map(u -> u.getMetadata().getName().length()).max().getOrElse(0);
    users.forEach(u -> out.line("  " + pad(u.getMetadata().getName(), width) + "  user " + u.getSpec().getUserName()));
    return out.emit(doc);
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
