package io.iamkit.testkit;

import static io.iamkit.testkit.IamAssertions.assertThatKey;
import static io.iamkit.testkit.IamAssertions.assertThatUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iamkit.api.Secret;
import io.iamkit.api.state.LiveAccessKey.Status;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;

/** Every IAM assertion passes on a matching user and fails, with a useful message, otherwise. */
@IamkitEmulator
class IamAssertionsIT {

  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  private static final String CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword";
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Action\":[\"s3:GetObject\"],\"Resource\":[\"*\"]}]}";

  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;

  private String name;
  private String arn;
  private AccessKey key;

  @BeforeEach
  void user() {
    name = UniqueNames.user("assert");
    arn = iam.createUser(r -> r.userName(name).tags(Tag.builder().key("Owner").value("team").build(),
        Tag.builder().key("Env").value("test").build())).user().arn();
    iam.attachUserPolicy(r -> r.userName(name).policyArn(READ_ONLY));
    iam.putUserPolicy(r -> r.userName(name).policyName("Access").policyDocument(DOC));
    key = iam.createAccessKey(r -> r.userName(name)).accessKey();
  }

  @Test
  void existsAndIsAbsent() {
    assertThatUser(iam, name).exists();
    String missing = UniqueNames.user("assert-missing");
    assertThatUser(iam, missing).isAbsent();

    assertThatThrownBy(() -> assertThatUser(iam, missing).exists())
        .isInstanceOf(AssertionError.class).hasMessageContaining(missing)
        .hasMessageContaining("no user of that name");
    assertThatThrownBy(() -> assertThatUser(iam, name).isAbsent())
        .isInstanceOf(AssertionError.class).hasMessageContaining("to be absent")
        .hasMessageContaining(READ_ONLY).hasMessageContaining(key.accessKeyId());
  }

  @Test
  void hasExactlyManagedPolicies() {
    assertThatUser(iam, name).hasExactlyManagedPolicies(READ_ONLY);
    assertThatThrownBy(() -> assertThatUser(iam, name).hasExactlyManagedPolicies(READ_ONLY, CHANGE_PASSWORD))
        .isInstanceOf(AssertionError.class).hasMessageContaining("missing [" + CHANGE_PASSWORD + "]");
    iam.attachUserPolicy(r -> r.userName(name).policyArn(CHANGE_PASSWORD));
    assertThatThrownBy(() -> assertThatUser(iam, name).hasExactlyManagedPolicies(READ_ONLY))
        .isInstanceOf(AssertionError.class).hasMessageContaining("extra [" + CHANGE_PASSWORD + "]");
  }

  @Test
  void hasInlinePolicyEqualInMeaningTo() {
    // other key order, single values instead of lists, whitespace
    assertThatUser(iam, name).hasInlinePolicyEqualInMeaningTo("Access",
        "{ \"Statement\": {\"Resource\": \"*\", \"Action\": \"s3:GetObject\", \"Effect\": \"Allow\"},"
            + "\n  \"Version\": \"2012-10-17\" }")
        .hasExactlyInlinePolicies("Access");
    assertThatThrownBy(() -> assertThatUser(iam, name).hasInlinePolicyEqualInMeaningTo("Access",
        DOC.replace("s3:GetObject", "s3:PutObject")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("equal in meaning")
        .hasMessageContaining("s3:putobject").hasMessageContaining("s3:getobject");
    assertThatThrownBy(() -> assertThatUser(iam, name).hasInlinePolicyEqualInMeaningTo("Other", DOC))
        .isInstanceOf(AssertionError.class).hasMessageContaining("<Other>");
    assertThatThrownBy(() -> assertThatUser(iam, name).hasExactlyInlinePolicies())
        .isInstanceOf(AssertionError.class).hasMessageContaining("[Access]");
  }

  @Test
  void hasTagsExactlyAndContaining() {
    assertThatUser(iam, name).hasTagsExactly(Map.of("Owner", "team", "Env", "test"))
        .hasTagsContaining(Map.of("Owner", "team"));
    assertThatThrownBy(() -> assertThatUser(iam, name).hasTagsExactly(Map.of("Owner", "team")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("exactly tags");
    assertThatThrownBy(() -> assertThatUser(iam, name).hasTagsContaining(Map.of("Owner", "other")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("{Owner=other}");
  }

  @Test
  void hasAccessKeysWithStatus() {
    assertThatUser(iam, name).hasAccessKeys(1, Status.Active)
        .hasOnlyAccessKey(key.accessKeyId(), Status.Active);
    assertThatThrownBy(() -> assertThatUser(iam, name).hasAccessKeys(1, Status.Inactive))
        .isInstanceOf(AssertionError.class).hasMessageContaining(key.accessKeyId() + " (Active)");
    assertThatThrownBy(() -> assertThatUser(iam, name).hasNoAccessKeys())
        .isInstanceOf(AssertionError.class);
    iam.updateAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
    assertThatUser(iam, name).hasAccessKeys(1, Status.Inactive);
    assertThatThrownBy(() -> assertThatUser(iam, name).hasOnlyAccessKey(key.accessKeyId(), Status.Active))
        .isInstanceOf(AssertionError.class);
    iam.deleteAccessKey(r -> r.userName(name).accessKeyId(key.accessKeyId()));
    assertThatUser(iam, name).hasNoAccessKeys().hasAccessKeys(0, Status.Active);
  }

  @Test
  void keyAuthenticatesAsItsUser() {
    Secret secret = Secret.of(key.secretAccessKey());
    assertThatKey(emulator, key.accessKeyId(), secret).authenticatesAs(arn);

    String other = UniqueNames.user("assert-other");
    String otherArn = iam.createUser(r -> r.userName(other)).user().arn();
    assertThatThrownBy(() -> assertThatKey(emulator, key.accessKeyId(), secret).authenticatesAs(otherArn))
        .isInstanceOf(AssertionError.class).hasMessageContaining("STS says it is <" + arn + ">")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.secretAccessKey()));
  }
}
