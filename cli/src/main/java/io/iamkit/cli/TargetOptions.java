package io.iamkit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where and how a command deploys: backend, region, endpoint or the local emulator, backend settings. */
final class TargetOptions {
  @Option(names = "--backend", paramLabel = "NAME",
      description = "direct, cloudformation or pulumi (default: $IAMKIT_BACKEND, else pulumi); 'iamkit backends' lists what can run here")
  String backend;

  @Option(names = "--local",
      description = "Target the emulator started by 'iamkit local start' (credentials test/test)")
  boolean local;

  @Option(names = "--endpoint", paramLabel = "URL",
      description = "Target this endpoint for every AWS service, e.g. a running moto or LocalStack (default: $AWS_ENDPOINT_URL)")
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile's; us-east-1 for --local and --endpoint)")
  String region;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A backend setting, e.g. pulumi.passphrase-env=MY_VAR or direct.rename-search=off; repeatable")
  Map<String, String> backendProperties = new LinkedHashMap<>();
}
