package io.iamkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iamkit.api.BackendInfo;
import io.iamkit.api.DeployOptions;
import io.iamkit.api.Deployer;
import io.iamkit.api.Deployment;
import io.iamkit.api.DeploymentError;
import io.iamkit.api.DestroyReport;
import io.iamkit.api.DriftReport;
import io.iamkit.api.Plan;
import io.iamkit.api.Secret;
import io.iamkit.backend.cloudformation.CloudFormationBackend;
import io.iamkit.backend.cloudformation.StackTemplate;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The verbs that talk to AWS: preview, apply, outputs, drift, destroy. */
final class DeployCommands {
  private static final Logger LOG = LoggerFactory.getLogger(DeployCommands.class);
  /** What a secret looks like when it is not shown. Its length says nothing about the secret's. */
  static final String MASK = "********";

  private DeployCommands() {}

  /**
   * Reads and validates the manifests, resolves the target, runs the operation on every user through
   * one {@link Deployer}, and prints one result per user (in manifest order).
   *
   * @param <T> what the operation returns for one user
   */
  abstract static class Base<T> extends ManifestVerb {
    @Mixin TargetOptions targetOptions;

    Base(CliContext ctx) {
      super(ctx);
    }

    /** The operation on every user; left when it could not run at all. */
    abstract Either<DeploymentError, Map<String, Either<DeploymentError, T>>> runAll(Deployer deployer, Seq<AwsIamUser> users);

    /** The table lines for one user's result. */
    abstract void table(Output out, AwsIamUser user, T value, ResolvedTarget target);

    /** The JSON fields for one user's result. */
    abstract void json(ObjectNode result, AwsIamUser user, T value, ResolvedTarget target);

    /** The exit code a successful result asks for. */
    int exitCode(T value) {
      return ExitCodes.OK;
    }

    /** The closing line of the table, e.g. {@code applied 3 user(s)}. */
    abstract String summary(Seq<T> values, int failed);

    /** Progress for this verb; none by default. */
    Progress progress(int verbosity) {
      return Progress.create(Progress.Mode.none, ctx, false);
    }

    @Override
    int run(Output out, Seq<AwsIamUser> users) {
      int verbosity = IamkitCommand.of(spec).verbosity();
      var resolved = TargetResolver.resolve(targetOptions, ctx);
      if (resolved.isLeft()) {
        return out.fail(ExitCodes.USAGE, "NoTarget", resolved.getLeft());
      }
      ResolvedTarget target = resolved.get();
      String backend = backendName();
      Seq<BackendInfo> known = Deployer.availableBackends();
      Option<BackendInfo> info = known.find(b -> b.name().equals(backend));
      if (info.isEmpty()) {
        return out.fail(ExitCodes.USAGE, "UnknownBackend", "no backend named '" + backend + "' (this build has: "
            + known.map(BackendInfo::name).mkString(", ") + ")");
      }
      if (!info.get().availability().isAvailable()) {
        DeploymentError e = new DeploymentError.BackendUnavailable(backend, info.get().availability().reason(),
            known.filter(b -> b.availability().isAvailable()));
        ObjectNode error = Shapes.error(e);
        if (targetOptions.backend == null) {
          error.put("message", e.message() + " (" + backend + " is the default backend; choose one with --backend NAME"
              + " or IAMKIT_BACKEND)");
        }
        return out.fail(ExitCodes.FAILED, error);
      }
      DeployOptions options = DeployOptions.defaults();
      for (var p : targetOptions.backendProperties.entrySet()) {
        options = options.withBackendProperty(p.getKey(), p.getValue());
      }
      LOG.info("{} of {} user(s) via backend {} at {}", out.command(), users.size(), backend, target.describe());
      out.line("backend " + backend + " | target " + target.describe());
      Either<DeploymentError, Map<String, Either<DeploymentError, T>>> result;
      try (Progress progress = progress(verbosity)) {
        Deployer deployer = Deployer.builder().backend(backend).target(target.target())
            .listener(progress).options(options).build();
        result = runAll(deployer, users);
      }
      if (result.isLeft()) {
        DeploymentError e = result.getLeft();
        int code = e instanceof DeploymentError.InvalidSpec ? ExitCodes.USAGE : ExitCodes.FAILED;
        ObjectNode error = Shapes.error(e);
        if (out.json()) {
          ObjectNode doc = out.document(code);
          doc.put("backend", backend).set("target", target.toJson());
          doc.set("error", error);
          return out.emit(doc);
        }
        return out.fail(code, error);
      }
      return render(out, users, result.get(), backend, target);
    }

    private int render(Output out, Seq<AwsIamUser> users, Map<String, Either<DeploymentError, T>> results,
        String backend, ResolvedTarget target) {
      int code = ExitCodes.OK;
      int failed = 0;
      ArrayNode list = Output.JSON.createArrayNode();
      for (AwsIamUser user : users) {
        Either<DeploymentError, T> r = results.get(user.getSpec().getUserName())
            .getOrElseThrow(() -> new IllegalStateException("no result for " + user.getSpec().getUserName()));
        ObjectNode n = Shapes.user(user).put("ok", r.isRight());
        list.add(n);
        out.line("");
        if (r.isLeft()) {
          failed++;
          code = ExitCodes.FAILED;
          n.set("error", Shapes.error(r.getLeft()));
          out.line(label(user) + ": FAILED: " + r.getLeft().message().replace("\n", "\n  "));
        } else {
          json(n, user, r.get(), target);
          table(out, user, r.get(), target);
          if (code == ExitCodes.OK) {
            code = exitCode(r.get());
          }
        }
      }
      out.line("");
      Seq<T> values = results.values().filter(Either::isRight).map(Either::get);
      out.line(summary(values, failed));
      ObjectNode doc = out.document(code);
      doc.put("backend", backend).set("target", target.toJson());
      doc.set("results", list);
      return out.emit(doc);
    }

    String backendName() {
      return Option.of(targetOptions.backend).filter(s -> !s.isBlank())
          .orElse(() -> Option.ofOptional(ctx.env(CliContext.BACKEND_ENV)))
          .getOrElse(Deployer.DEFAULT_BACKEND).trim().toLowerCase(java.util.Locale.ROOT);
    }

    static String label(AwsIamUser user) {
      return user.getSpec().getUserName() + " (" + user.getMetadata().getName() + ")";
    }
  }

  /** A verb that changes AWS (apply, destroy): shows its progress while it runs. */
  abstract static class Changing<T> extends Base<T> {
    @picocli.CommandLine.Option(names = "--progress", paramLabel = "MODE",
        description = "auto (default: live on a terminal, plain lines otherwise), live, plain or none; on stderr")
    Progress.Mode progressMode = Progress.Mode.auto;

    Changing(CliContext ctx) {
      super(ctx);
    }

    @Override
    Progress progress(int verbosity) {
      return Progress.create(progressMode, ctx, verbosity > 0);
    }
  }

  // ---- preview

  @Command(name = "preview", mixinStandardHelpOptions = true,
      description = "Show what apply would change, per user. Changes nothing.")
  static final class Preview extends Base<Plan> {
    @picocli.CommandLine.Option(names = "--template-out", paramLabel = "DIR",
        description = {"With --backend cloudformation: also write each user's synthesised template to DIR as "
            + "<stack name>.template.json (byte-identical for the same manifest), for review or a linter.",
            "The templates are written before the preview talks to AWS."})
    java.nio.file.Path templateOut;

    private final java.util.Map<String, java.nio.file.Path> templates = new java.util.HashMap<>();

    Preview(CliContext ctx) {
      super(ctx);
    }

    @Override
    int run(Output out, Seq<AwsIamUser> users) {
      if (templateOut != null) {
        if (!CloudFormationBackend.NAME.equals(backendName())) {
          return out.fail(ExitCodes.USAGE, "Usage", "--template-out writes CloudFormation templates: it needs "
              + "--backend " + CloudFormationBackend.NAME + " (the backend is " + backendName() + ")");
        }
        try {
          java.nio.file.Files.createDirectories(templateOut);
          for (AwsIamUser user : users) {
            StackTemplate template = CloudFormationBackend.template(user);
            java.nio.file.Path file = templateOut.resolve(template.fileName());
            java.nio.file.Files.writeString(file, template.templateBody(), java.nio.charset.StandardCharsets.UTF_8);
            templates.put(user.getSpec().getUserName(), file);
            out.note("template " + file);
          }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
          return out.fail(ExitCodes.FAILED, "TemplateOut", "cannot write templates to " + templateOut + ": " + e);
        }
      }
      return super.run(out, users);
    }

    @Override
    Either<DeploymentError, Map<String, Either<DeploymentError, Plan>>> runAll(Deployer deployer, Seq<AwsIamUser> users) {
      return deployer.previewAll(users);
    }

    @Override
    void table(Output out, AwsIamUser user, Plan plan, ResolvedTarget target) {
      out.line(plan.describe());
    }

    @Override
    void json(ObjectNode n, AwsIamUser user, Plan plan, ResolvedTarget target) {
      n.put("empty", plan.isEmpty()).set("changes", Shapes.changes(plan));
      java.nio.file.Path template = templates.get(user.getSpec().getUserName());
      if (template != null) {
        n.put("template", template.toString());
      }
    }

    @Override
    String summary(Seq<Plan> plans, int failed) {
      return "preview: " + plans.count(p -> !p.isEmpty()) + " of " + (plans.size() + failed) + " user(s) would change"
          + failures(failed);
    }
  }

  // ---- apply

  @Command(name = "apply", mixinStandardHelpOptions = true,
      description = {"Make IAM match the manifests, then read every user back and verify it.",
          "A new access key's secret is handed out once, by the apply that creates it, and is printed"
              + " only with --show-secret (masked otherwise)."})
  static final class Apply extends Changing<Deployment> {
    @picocli.CommandLine.Option(names = "--show-secret",
        description = "Print the secret access key of a key this apply creates (in the table and in JSON)")
    boolean showSecret;

    Apply(CliContext ctx) {
      super(ctx);
    }

    @Override
    Either<DeploymentError, Map<String, Either<DeploymentError, Deployment>>> runAll(Deployer deployer,
        Seq<AwsIamUser> users) {
      return deployer.applyAll(users);
    }

    @Override
    void table(Output out, AwsIamUser user, Deployment d, ResolvedTarget target) {
      out.line(label(user) + ": " + (d.changed() ? "applied " + d.applied().changes().size() + " change(s)" : "no changes"));
      d.applied().changes().forEach(c -> out.line("  " + c.describe().replace("\n", "\n  ")));
      String secret = d.secret().map(s -> showSecret ? s.reveal()
          : MASK + "  (masked; --show-secret prints it)").getOrNull();
      outputsTable(out, d.outputs(), secret);
      d.notes().forEach(note -> out.line("  note: " + note));
    }

    @Override
    void json(ObjectNode n, AwsIamUser user, Deployment d, ResolvedTarget target) {
      n.put("changed", d.changed()).set("changes", Shapes.changes(d.applied()));
      n.set("outputs", Shapes.outputs(d.outputs()));
      ObjectNode secret = n.putObject("secret").put("handedOut", d.secret().isDefined())
          .put("shown", showSecret && d.secret().isDefined());
      if (showSecret) {
        d.secret().forEach(s -> secret.put("secretAccessKey", s.reveal()));
      }
      ArrayNode notes = n.putArray("notes");
      d.notes().forEach(notes::add);
    }

    @Override
    String summary(Seq<Deployment> ds, int failed) {
      String line = "apply: " + (ds.size() + failed) + " user(s): " + ds.count(Deployment::changed) + " changed, "
          + ds.count(d -> !d.changed()) + " unchanged" + failures(failed);
      long masked = showSecret ? 0 : ds.count(d -> d.secret().isDefined());
      return masked == 0 ? line : line + "\nnote: " + masked + " new access key secret(s) handed out and not printed;"
          + " AWS returns a secret only once, so use --show-secret on the apply that creates a key, or"
          + " spec.secretDelivery to keep it in Secrets Manager.";
    }
  }

  // ---- outputs

  @Command(name = "outputs", mixinStandardHelpOptions = true,
      description = {"Show each deployed user's outputs.",
          "User ARN, user id, access key id, console URL, and the ARN of the delivered secret. With"
              + " --show-secret also the secret access key where it can be read: from Secrets Manager for a"
              + " spec with secretDelivery (a secret handed out by apply is kept nowhere)."})
  static final class Outputs extends Base<Option<AwsIamUserOutputs>> {
    @picocli.CommandLine.Option(names = "--show-secret", description = "Print the secret access key where it can be read (Secrets Manager)")
    boolean showSecret;

    Outputs(CliContext ctx) {
      super(ctx);
    }

    @Override
    Either<DeploymentError, Map<String, Either<DeploymentError, Option<AwsIamUserOutputs>>>> runAll(Deployer deployer,
        Seq<AwsIamUser> users) {
      return deployer.outputsAll(users);
    }

    private Option<Either<String, Secret>> secret(AwsIamUserOutputs o, ResolvedTarget target) {
      if (!showSecret || o.getAccessKeyId().isEmpty()) {
        return Option.none();
      }
      if (o.getSecretArn().isEmpty()) {
        return Option.some(Either.left("not available: handed out once, by the apply that created the key,"
            + " and kept nowhere (spec.secretDelivery keeps it in Secrets Manager)"));
      }
      return Option.some(DeliveredSecret.read(target.target(), o.getSecretArn()));
    }

    @Override
    void table(Output out, AwsIamUser user, Option<AwsIamUserOutputs> outputs, ResolvedTarget target) {
      if (outputs.isEmpty()) {
        out.line(label(user) + ": not deployed");
        return;
      }
      out.line(label(user) + ":");
      outputsTable(out, outputs.get(), secret(outputs.get(), target)
          .map(s -> s.fold(reason -> "(" + reason + ")", Secret::reveal)).getOrNull());
    }

    @Override
    void json(ObjectNode n, AwsIamUser user, Option<AwsIamUserOutputs> outputs, ResolvedTarget target) {
      n.put("deployed", outputs.isDefined());
      n.set("outputs", outputs.map(Shapes::outputs).getOrNull());
      outputs.flatMap(o -> secret(o, target)).forEach(s -> {
        ObjectNode secret = n.putObject("secret").put("available", s.isRight());
        s.fold(reason -> secret.put("reason", reason), value -> secret.put("secretAccessKey", value.reveal()));
      });
    }

    @Override
    String summary(Seq<Option<AwsIamUserOutputs>> all, int failed) {
      return "outputs: " + all.count(Option::isDefined) + " of " + (all.size() + failed) + " user(s) deployed"
          + failures(failed);
    }
  }

  // ---- drift

  @Command(name = "drift", mixinStandardHelpOptions = true,
      description = {"Compare each user's manifest with its live IAM state.",
          "Out-of-band additions (policies, keys, tags) count. Exit 0 when nothing drifted, 3 when"
              + " something did, 1 when a check failed."})
  static final class Drift extends Base<DriftReport> {
    Drift(CliContext ctx) {
      super(ctx);
    }

    @Override
    Either<DeploymentError, Map<String, Either<DeploymentError, DriftReport>>> runAll(Deployer deployer,
        Seq<AwsIamUser> users) {
      return deployer.driftAll(users);
    }

    @Override
    void table(Output out, AwsIamUser user, DriftReport report, ResolvedTarget target) {
      out.line(report.describe());
    }

    @Override
    void json(ObjectNode n, AwsIamUser user, DriftReport report, ResolvedTarget target) {
      n.put("drift", !report.isEmpty()).set("differences", Shapes.differences(report.differences()));
    }

    @Override
    int exitCode(DriftReport report) {
      return report.isEmpty() ? ExitCodes.OK : ExitCodes.DRIFT;
    }

    @Override
    String summary(Seq<DriftReport> reports, int failed) {
      long drifted = reports.count(r -> !r.isEmpty());
      return "drift: " + (drifted == 0 ? "none" : drifted + " of " + (reports.size() + failed) + " user(s) drifted")
          + failures(failed);
    }
  }

  // ---- destroy

  @Command(name = "destroy", mixinStandardHelpOptions = true,
      description = {"Remove each user and everything attached to it.",
          "Out-of-band additions that would block the delete are removed too and named in the report."})
  static final class Destroy extends Changing<DestroyReport> {
    Destroy(CliContext ctx) {
      super(ctx);
    }

    @Override
    Either<DeploymentError, Map<String, Either<DeploymentError, DestroyReport>>> runAll(Deployer deployer,
        Seq<AwsIamUser> users) {
      return deployer.destroyAll(users);
    }

    @Override
    void table(Output out, AwsIamUser user, DestroyReport report, ResolvedTarget target) {
      out.line(report.describe());
    }

    @Override
    void json(ObjectNode n, AwsIamUser user, DestroyReport report, ResolvedTarget target) {
      n.put("alreadyGone", report.alreadyGone()).set("removed", Shapes.removed(report));
    }

    @Override
    String summary(Seq<DestroyReport> reports, int failed) {
      return "destroy: " + reports.count(r -> !r.alreadyGone()) + " user(s) removed, "
          + reports.count(DestroyReport::alreadyGone) + " already gone, "
          + reports.map(r -> r.outOfBand().size()).sum().intValue() + " out-of-band item(s) removed" + failures(failed);
    }
  }

  // ---- shared

  static String failures(int failed) {
    return failed == 0 ? "" : ", " + failed + " FAILED";
  }

  /** The outputs as aligned lines; {@code secret} (already masked or revealed) when there is one to show. */
  static void outputsTable(Output out, AwsIamUserOutputs o, String secret) {
    row(out, "userArn", o.getUserArn());
    row(out, "userId", o.getUserId());
    row(out, "accessKeyId", o.getAccessKeyId().isEmpty() ? "(none: access keys disabled)" : o.getAccessKeyId());
    if (secret != null) {
      row(out, "secretAccessKey", secret);
    }
    if (!o.getSecretArn().isEmpty()) {
      row(out, "secretArn", o.getSecretArn());
    }
    row(out, "consoleUrl", o.getConsoleUrl());
  }

  private static void row(Output out, String key, String value) {
    out.line("  " + ValidateCommand.pad(key, 16) + " " + value);
  }
}
