package io.iamkit.cli;

import static io.iamkit.cli.CliRun.cli;
import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.iamkit.cli.CliRun.Result;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.vavr.collection.Seq;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * preview, apply, outputs, drift and destroy through the CLI (in-process) against the emulator with
 * {@code --endpoint}, backend {@code direct}: tables, JSON shapes and exit codes 0, 1 and 3. Every
 * check of what AWS holds is a plain IAM read.
 */
@IamkitEmulator
class CliDeployIT {
  static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  @TempDir Path dir;

  static Result run(AwsEmulator emulator, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", emulator.endpoint().toString(), "--backend", "direct"));
    return cli().run(all.toArray(String[]::new));
  }

  static JsonNode result(JsonNode doc, AwsIamUser user) {
    for (JsonNode r : doc.path("results")) {
      if (r.path("userName").asText().equals(user.getSpec().getUserName())) {
        return r;
      }
    }
    throw new AssertionError("no result for " + user.getSpec().getUserName() + " in " + doc);
  }

  @Test
  void previewWritesTheSynthesisedCloudFormationTemplatesWhenAsked(AwsEmulator emulator) throws IOException {
    Seq<AwsIamUser> users = TestManifests.examples();
    String file = TestManifests.write(dir.resolve("users.yaml"), users).toString();
    Path templates = dir.resolve("templates");

    Result preview = cli().run("preview", "-o", "json", "--backend", "cloudformation", "--endpoint",
        emulator.endpoint().toString(), "--template-out", templates.toString(), "-f", file);

    assertThat(preview.code()).as(preview.toString()).isZero();
    for (AwsIamUser user : users) {
      Path template = templates.resolve("iamkit-" + user.getMetadata().getName() + ".template.json");
      assertThat(java.nio.file.Files.readString(template))
          .isEqualTo(io.iamkit.backend.cloudformation.CloudFormationBackend.template(user).templateBody());
      assertThat(result(preview.json(), user).path("template").asText()).isEqualTo(template.toString());
      assertThatUser(emulator.iam(), user.getSpec().getUserName()).isAbsent();
    }
    assertThat(preview.err()).contains("template " + templates.resolve("iamkit-"));

    Result direct = run(emulator, "preview", "--template-out", dir.resolve("other").toString(), "-f", file);
    assertThat(direct.code()).as(direct.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(direct.err()).contains("--template-out writes CloudFormation templates: it needs --backend "
        + "cloudformation (the backend is direct)");
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void theWholeJobOnTheExamples(AwsEmulator emulator, IamClient iam) throws IOException {
    Seq<AwsIamUser> users = TestManifests.examples();
    String file = TestManifests.write(dir.resolve("users.yaml"), users).toString();
    AwsIamUser cicd = TestManifests.byName(users, "cicd-deployer");
    AwsIamUser payment = TestManifests.byName(users, "payment-service-user");
    AwsIamUser auditor = TestManifests.byName(users, "compliance-auditor");

    // preview
    Result preview = run(emulator, "preview", "-f", file);
    assertThat(preview.code()).as(preview.toString()).isZero();
    assertThat(preview.out()).contains("backend direct | target " + emulator.endpoint(), "credentials static test/test",
        payment.getSpec().getUserName() + ": 3 change(s)", "+ INLINE_POLICY PaymentServiceAccess",
        "preview: 3 of 3 user(s) would change");
    JsonNode planned = run(emulator, "preview", "-o", "json", "-f", file).json();
    assertThat(planned.path("backend").asText()).isEqualTo("direct");
    assertThat(planned.path("target").path("endpoint").asText()).isEqualTo(emulator.endpoint().toString());
    JsonNode change = result(planned, cicd).path("changes").get(0);
    assertThat(change.path("action").asText()).isEqualTo("CREATE");
    assertThat(change.path("kind").asText()).isEqualTo("USER");
    assertThat(change.path("fields").get(0).has("before")).isTrue();
    assertThat(result(planned, cicd).path("empty").asBoolean()).isFalse();
    assertThatUser(iam, cicd.getSpec().getUserName()).isAbsent();

    // apply
    Result apply = run(emulator, "apply", "-o", "json", "-f", file);
    assertThat(apply.code()).as(apply.toString()).isZero();
    JsonNode applied = apply.json();
    assertThat(applied.path("ok").asBoolean()).isTrue();
    assertThat(applied.path("results")).hasSize(3);
    JsonNode p = result(applied, payment);
    assertThat(p.path("name").asText()).isEqualTo(payment.getMetadata().getName());
    assertThat(p.path("changed").asBoolean()).isTrue();
    assertThat(p.path("outputs").path("userArn").asText()).endsWith(":user/" + payment.getSpec().getUserName());
    assertThat(p.path("outputs").path("accessKeyId").asText()).isNotEmpty();
    assertThat(p.path("secret").path("handedOut").asBoolean()).isTrue();
    assertThat(p.path("secret").path("shown").asBoolean()).isFalse();
    assertThat(p.path("secret").has("secretAccessKey")).isFalse();
    JsonNode a = result(applied, auditor);
    assertThat(a.path("outputs").path("accessKeyId").isNull()).isTrue();
    assertThat(a.path("secret").path("handedOut").asBoolean()).isFalse();
    assertThatUser(iam, payment.getSpec().getUserName()).exists().hasExactlyInlinePolicies("PaymentServiceAccess");
    assertThatUser(iam, auditor.getSpec().getUserName()).exists()
        .hasExactlyManagedPolicies("arn:aws:iam::aws:policy/ReadOnlyAccess").hasNoAccessKeys();

    Result again = run(emulator, "apply", "-f", file);
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains(payment.getSpec().getUserName() + " (" + payment.getMetadata().getName() + "): no changes",
        "apply: 3 user(s): 0 changed, 3 unchanged").doesNotContain("secretAccessKey");

    // outputs
    Result outputs = run(emulator, "outputs", "-f", file);
    assertThat(outputs.code()).isZero();
    assertThat(outputs.out()).contains("userArn", p.path("outputs").path("userArn").asText(),
        "(none: access keys disabled)", "outputs: 3 of 3 user(s) deployed");
    JsonNode out = result(run(emulator, "outputs", "-o", "json", "-f", file).json(), payment);
    assertThat(out.path("deployed").asBoolean()).isTrue();
    assertThat(out.path("outputs")).isEqualTo(p.path("outputs"));
    assertThat(out.has("secret")).as("no secret field without --show-secret").isFalse();

    // drift: none
    Result clean = run(emulator, "drift", "-f", file);
    assertThat(clean.code()).isEqualTo(ExitCodes.OK);
    assertThat(clean.out()).contains(payment.getSpec().getUserName() + ": no drift", "drift: none");
    assertThat(result(run(emulator, "drift", "-o", "json", "-f", file).json(), payment).path("drift").asBoolean()).isFalse();

    // out of band, then drift: exit code 3, exactly the two grants
    iam.attachUserPolicy(r -> r.userName(payment.getSpec().getUserName()).policyArn(ADMIN));
    iam.putUserPolicy(r -> r.userName(payment.getSpec().getUserName()).policyName("Oob").policyDocument(ALLOW_ALL));
    Result drifted = run(emulator, "drift", "-f", file);
    assertThat(drifted.code()).isEqualTo(ExitCodes.DRIFT);
    assertThat(drifted.out()).contains(payment.getSpec().getUserName() + ": 2 difference(s)",
        "out-of-band MANAGED_POLICY_ATTACHMENT at spec.managedPolicyArns: " + ADMIN,
        "out-of-band INLINE_POLICY at spec.inlinePolicies.Oob", cicd.getSpec().getUserName() + ": no drift",
        "drift: 1 of 3 user(s) drifted");
    JsonNode driftDoc = run(emulator, "drift", "-o", "json", "-f", file).json();
    assertThat(driftDoc.path("exitCode").asInt()).isEqualTo(3);
    assertThat(driftDoc.path("ok").asBoolean()).as("drift found is a result, not a failure").isTrue();
    JsonNode d = result(driftDoc, payment);
    assertThat(d.path("drift").asBoolean()).isTrue();
    assertThat(d.path("differences").findValuesAsText("kind")).containsOnly("OUT_OF_BAND");
    assertThat(d.path("differences").findValuesAsText("resource"))
        .containsExactlyInAnyOrder("MANAGED_POLICY_ATTACHMENT", "INLINE_POLICY");
    assertThat(d.path("differences").get(0).has("expected")).isTrue();

    // destroy names the out-of-band removals
    Result destroy = run(emulator, "destroy", "-o", "json", "-f", file, "--progress", "plain");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.err()).contains("[" + payment.getSpec().getUserName() + "] - USER " + payment.getSpec().getUserName() + " done");
    JsonNode removed = result(destroy.json(), payment);
    assertThat(removed.path("alreadyGone").asBoolean()).isFalse();
    List<String> outOfBand = new ArrayList<>();
    removed.path("removed").forEach(r -> {
      if (r.path("outOfBand").asBoolean()) {
        outOfBand.add(r.path("resource").asText());
      }
    });
    assertThat(outOfBand).containsExactlyInAnyOrder(ADMIN, "Oob");
    for (AwsIamUser u : users) {
      assertThatUser(iam, u.getSpec().getUserName()).isAbsent();
    }

    Result gone = run(emulator, "outputs", "-f", file);
    assertThat(gone.out()).contains("not deployed", "outputs: 0 of 3 user(s) deployed");
    Result twice = run(emulator, "destroy", "-f", file);
    assertThat(twice.code()).isZero();
    assertThat(twice.out()).contains(payment.getSpec().getUserName() + ": already gone", "0 user(s) removed, 3 already gone");
  }

  @Test
  void aFailedApplyExitsOneAndNamesWhatAwsRejected(AwsEmulator emulator, IamClient iam) throws IOException {
    AwsIamUser good = TestManifests.unique(TestManifests.examples().head());
    AwsIamUser bad = TestManifests.unique(good.toBuilder()
        .setSpec(good.getSpec().toBuilder().clearManagedPolicyArns()
            .addManagedPolicyArns("arn:aws:iam::aws:policy/DoesNotExistPolicy"))
        .build());
    String file = TestManifests.write(dir.resolve("c06.yaml"), io.vavr.collection.List.of(good, bad)).toString();

    Result r = run(emulator, "apply", "-f", file, "--progress", "none");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).contains(bad.getSpec().getUserName() + " (" + bad.getMetadata().getName() + "): FAILED:",
        "arn:aws:iam::aws:policy/DoesNotExistPolicy", "NoSuchEntity", "1 FAILED");
    assertThatUser(iam, bad.getSpec().getUserName()).isAbsent();
    assertThatUser(iam, good.getSpec().getUserName()).exists();

    JsonNode doc = run(emulator, "apply", "-o", "json", "-f", file).json();
    assertThat(doc.path("ok").asBoolean()).isFalse();
    assertThat(doc.path("exitCode").asInt()).isEqualTo(1);
    JsonNode failed = result(doc, bad);
    assertThat(failed.path("ok").asBoolean()).isFalse();
    assertThat(failed.path("error").path("type").asText()).isEqualTo("RejectedByAws");
    assertThat(failed.path("error").path("code").asText()).isEqualTo("NoSuchEntity");
    assertThat(result(doc, good).path("ok").asBoolean()).isTrue();

    Result drift = run(emulator, "drift", "-f", file);
    assertThat(drift.code()).as("a user missing from IAM is drift").isEqualTo(ExitCodes.DRIFT);
    assertThat(run(emulator, "destroy", "-f", file).code()).isZero();
  }
}
