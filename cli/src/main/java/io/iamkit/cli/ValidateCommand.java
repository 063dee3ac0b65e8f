package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code iamkit validate}: reads and validates manifests; no AWS call. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check manifests against every rule (no AWS call). Exit 0 when all are valid, 2 otherwise.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ManifestOptions manifests;
  private final CliContext ctx;

  ValidateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Output out = IamkitCommand.output(spec, ctx);
    var read = manifests.read(ctx);
    if (read.isInvalid()) {
      return out.invalidInput(read.getError());
    }
    Seq<AwsIamUser> users = read.get();
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
