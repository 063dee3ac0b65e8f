package io.iamkit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManagedPoliciesTest {
  @Test
  void awsManagedPoliciesArePartitionAware() {
    assertThat(ManagedPolicies.aws("ReadOnlyAccess")).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(ManagedPolicies.aws(Partition.AWS_CN, "ReadOnlyAccess")).isEqualTo("arn:aws-cn:iam::aws:policy/ReadOnlyAccess");
    assertThat(ManagedPolicies.aws(Partition.AWS_US_GOV, "service-role/AWSLambdaBasicExecutionRole"))
        .isEqualTo("arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
  }

  @Test
  void customerManaged() {
    assertThat(ManagedPolicies.customer(Partition.AWS, "123456789012", "Deploy"))
        .isEqualTo("arn:aws:iam::123456789012:policy/Deploy");
    assertThatThrownBy(() -> ManagedPolicies.customer(Partition.AWS, "1234", "Deploy"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void partitionOfRegion() {
    assertThat(Partition.ofRegion("cn-north-1")).isEqualTo(Partition.AWS_CN);
    assertThat(Partition.ofRegion("us-gov-west-1")).isEqualTo(Partition.AWS_US_GOV);
    assertThat(Partition.ofRegion("eu-west-1")).isEqualTo(Partition.AWS);
  }

  @Test
  void consoleUrlIsTheSignInOfTheUsersAccountInItsPartition() {
    assertThat(Partition.consoleUrl("arn:aws:iam::123456789012:user/svc"))
        .isEqualTo("https://123456789012.signin.aws.amazon.com/console");
    assertThat(Partition.consoleUrl("arn:aws-cn:iam::123456789012:user/path/svc"))
        .isEqualTo("https://123456789012.signin.amazonaws.cn/console");
    assertThat(Partition.consoleUrl("arn:aws-us-gov:iam::123456789012:user/svc"))
        .isEqualTo("https://123456789012.signin.amazonaws-us-gov.com/console");
    assertThat(Partition.consoleUrl("not-an-arn")).isEmpty();
    assertThat(Partition.consoleUrl("arn:aws:iam:::user/svc")).isEmpty();
  }
}
