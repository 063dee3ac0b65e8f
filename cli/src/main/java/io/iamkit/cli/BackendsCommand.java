package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.Deployer;
import io.vavr.collection.Seq;
import picocli.CommandLine.Command;

/** {@code iamkit backends}: the backends on the class path and whether each can run here. */
@Command(name = "backends", mixinStandardHelpOptions = true,
    description = "List the backends this build has and whether each can run here (and why not).")
final class BackendsCommand extends Verb {
  BackendsCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Integer call() {
    Output out = output();
    Seq<BackendInfo> all = Deployer.availableBackends();
    String defaultBackend = ctx.env(CliContext.BACKEND_ENV).orElse(Deployer.DEFAULT_BACKEND);
    ObjectNode doc = out.document(ExitCodes.OK);
    doc.put("default", defaultBackend);
    ArrayNode list = doc.putArray("backends");
    all.forEach(b -> list.add(Shapes.backend(b)));
    int width = all.map(b -> b.name().length()).max().getOrElse(0);
    all.forEach(b -> out.line(ValidateCommand.pad(b.name(), width) + "  "
        + (b.availability().isAvailable() ? "available" : "unavailable: " + b.availability().reason())));
    out.line("default: " + defaultBackend + (ctx.env(CliContext.BACKEND_ENV).isPresent() ? " (from $IAMKIT_BACKEND)" : ""));
    return out.emit(doc);
  }
}
