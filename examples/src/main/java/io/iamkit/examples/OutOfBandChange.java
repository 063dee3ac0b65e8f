package io.iamkit.examples;

import java.io.PrintStream;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Makes the out-of-band change the main job shows drift catching: with plain AWS SDK calls (not
 * iamkit), it grants a user administrator rights twice over, by attaching the AWS managed policy
 * {@value #ADMIN_POLICY} and putting an inline policy {@value #INLINE_POLICY} that allows every
 * action on every resource.
 * <pre>
 *   java -cp ... io.iamkit.examples.OutOfBandChange --endpoint http://127.0.0.1:PORT --user NAME
 * </pre>
 * Only against an emulator: it needs {@code --endpoint} and signs with the emulator credentials
 * {@code test}/{@code test}.
 */
public final class OutOfBandChange {
  static final String ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
  static final String INLINE_POLICY = "OutOfBandAdmin";
  static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

  private OutOfBandChange() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) {
    String endpoint = null;
    String user = null;
    String region = "us-east-1";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--endpoint" -> endpoint = args[i + 1];
        case "--user" -> user = args[i + 1];
        case "--region" -> region = args[i + 1];
        default -> {
          return usage(out);
        }
      }
    }
    if (endpoint == null || user == null || args.length % 2 != 0) {
      return usage(out);
    }
    String name = user;
    try (IamClient iam = IamClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      iam.attachUserPolicy(r -> r.userName(name).policyArn(ADMIN_POLICY));
      out.println("out of band: attached " + ADMIN_POLICY + " to " + name);
      iam.putUserPolicy(r -> r.userName(name).policyName(INLINE_POLICY).policyDocument(ALLOW_ALL));
      out.println("out of band: put inline policy " + INLINE_POLICY + " on " + name + ": " + ALLOW_ALL);
    }
    return 0;
  }

  private static int usage(PrintStream out) {
    out.println("usage: OutOfBandChange --endpoint URL --user NAME [--region REGION]");
    return 2;
  }
}
