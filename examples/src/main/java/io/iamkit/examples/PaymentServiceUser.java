package io.iamkit.examples;

import io.iamkit.api.IamUserBuilder;
import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.policy.Statement;
import io.iamkit.model.proto.AwsIamUser;

/**
 * A least-privilege service account: the payment service may read one DynamoDB table and invoke one
 * Lambda function, nothing else. One inline policy, named resources only, one access key.
 * YAML twin: {@code examples/manifests/payment-service-user.yaml}.
 */
public final class PaymentServiceUser {
  static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable";
  static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:ProcessPaymentFunction";

  private PaymentServiceUser() {}

  /** The user, validated. */
  public static AwsIamUser user() {
    return IamUserBuilder.named("payment-service-user")
        .userName("payment-service-prod")
        .inlinePolicy("PaymentServiceAccess", PolicyDocument.builder()
            .statement(Statement.allow().actions("dynamodb:GetItem", "dynamodb:Query").resources(TABLE))
            .statement(Statement.allow().actions("lambda:InvokeFunction").resources(FUNCTION)))
        .build()
        .toEither()
        .getOrElseThrow(Examples::invalid);
  }

  /** Prints the manifest, or runs one operation on the target from the environment; see {@link Examples}. */
  public static void main(String[] args) {
    System.exit(Examples.run(user(), args));
  }
}
