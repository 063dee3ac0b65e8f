package io.iamkit.examples;

import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.testkit.IamUserAssert;
import java.util.Map;

class PaymentServiceUserIT extends ExampleIT {
  @Override
  AwsIamUser example() {
    return PaymentServiceUser.user();
  }

  @Override
  void assertDeployed(IamUserAssert user) {
    user.hasExactlyManagedPolicies()
        .hasExactlyInlinePolicies("PaymentServiceAccess")
        .hasInlinePolicyEqualInMeaningTo("PaymentServiceAccess", """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
               "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/PaymentsTable"},
              {"Effect": "Allow", "Action": "lambda:InvokeFunction",
               "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ProcessPaymentFunction"}]}""")
        .hasTagsExactly(Map.of())
        .hasAccessKeys(1, LiveAccessKey.Status.Active);
  }
}
