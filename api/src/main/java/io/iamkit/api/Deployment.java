package io.iamkit.api;

import io.iamkit.model.proto.AwsIamUserOutputs;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The result of an apply.
 *
 * @param outputs what the deployment produced (never the secret)
 * @param applied the changes the apply made; empty when the user already matched its spec
 * @param secret  the new access key's secret, present only on the apply that created the key and only
 *                when the spec does not deliver it to Secrets Manager; it is handed over this once
 * @param notes   remarks for a person, e.g. "secret only available in Secrets Manager"
 */
public record Deployment(AwsIamUserOutputs outputs, Plan applied, Option<Secret> secret, Seq<String> notes) {
  public Deployment {
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(notes, "notes");
  }

  public static Deployment of(AwsIamUserOutputs outputs, Plan applied) {
    return new Deployment(outputs, applied, Option.none(), List.empty());
  }

  /** True when the apply changed something. */
  public boolean changed() {
    return !applied.isEmpty();
  }

  public Deployment withSecret(Secret secret) {
    return new Deployment(outputs, applied, Option.of(secret), notes);
  }

  public Deployment withNote(String note) {
    return new Deployment(outputs, applied, secret, notes.append(Objects.requireNonNull(note, "note")));
  }
}
