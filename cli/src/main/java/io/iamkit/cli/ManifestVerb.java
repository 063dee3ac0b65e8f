package io.iamkit.cli;

import io.iamkit.model.proto.AwsIamUser;
import io.vavr.collection.Seq;
import picocli.CommandLine.Mixin;

/** A command on manifests ({@code -f PATH...}): they are read and validated first; invalid input is exit code 2. */
abstract class ManifestVerb extends Verb {
  @Mixin ManifestOptions manifests;

  ManifestVerb(CliContext ctx) {
    super(ctx);
  }

  /** Runs on the valid users; returns the exit code. */
  abstract int run(Output out, Seq<AwsIamUser> users);

  @Override
  public Integer call() {
    Output out = output();
    var read = manifests.read(ctx);
    return read.isInvalid() ? out.invalidInput(read.getError()) : run(out, read.get());
  }
}
