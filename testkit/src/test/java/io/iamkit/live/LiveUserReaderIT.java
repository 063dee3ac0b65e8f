package io.iamkit.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.testkit.AwsEmulator;
import io.iamkit.testkit.FromEmulator;
import io.iamkit.testkit.IamkitEmulator;
import io.iamkit.testkit.UniqueNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Reads back users made with plain IAM calls against the emulator. Lives in the testkit module
 * because live's integration tests need an emulator and testkit depends on live.
 */
@IamkitEmulator
class LiveUserReaderIT {

  private static final String INLINE_DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[{"
      + "\"Sid\":\"Odd1\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
      + "\"Resource\":\"arn:aws:s3:::bucket/a b+c&d=e%f?g#h/ü/\\\"q\\\"/<x>\","
      + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"home/${aws:username}/*\"]}}}]}";
  private static final List<String> MANAGED = List.of(
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::aws:policy/IAMUserChangePassword",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
      "arn:aws:iam::aws:policy/AWSLambda_ReadOnlyAccess");

  @FromEmulator AwsEmulator emulator;
  @FromEmulator IamClient iam;

  @Test
  void readsBackAUserMadeWithPlainIamCallsExactly() throws Exception {
    String name = UniqueNames.user("live-exact");
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("Owner", "payments-team");
    tags.put("cost:center", "42/a=b+c@d_e.f-g");
    tags.put("Empty", "");
    tags.put("Ünïcode key", "välue with spaces");
    User created = iam.createUser(r -> r.userName(name).path("/service/iamkit/")
        .tags(tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()))
        .user();
    for (String arn : MANAGED.subList(0, 2)) {
      iam.attachUserPolicy(r -> r.userName(name).policyArn(arn));
    }
    iam.putUserPolicy(r -> r.userName(name).policyName("Special.Chars_+=,@-").policyDocument(
        INLINE_DOC));
    iam.putUserPolicy(r -> r.userName(name).policyName("Second").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"NotAction\":\"iam:*\","
            + "\"Resource\":\"*\"}}"));
    CreateAccessKeyResponse k1 = iam.createAccessKey(r -> r.userName(name));
    CreateAccessKeyResponse k2 = iam.createAccessKey(r -> r.userName(name));
    iam.updateAccessKey(r -> r.userName(name).accessKeyId(k2.accessKey().accessKeyId())
        .status(StatusType.INACTIVE));

    LiveUser live = LiveUserReader.of(iam).read(name).get();

    ObjectMapper json = new ObjectMapper();
    assertThat(live.userName()).isEqualTo(name);
    assertThat(live.userId()).isEqualTo(created.userId());
    assertThat(live.arn()).isEqualTo(created.arn()).endsWith(":user/service/iamkit/" + name);
    assertThat(live.path()).isEqualTo("/service/iamkit/");
    assertThat(live.createDate().get()).isEqualTo(created.createDate());
    assertThat(live.tags().toJavaMap()).containsExactlyInAnyOrderEntriesOf(tags);
    assertThat(live.managedPolicyArns()).containsExactlyElementsOf(
        MANAGED.subList(0, 2).stream().sorted().toList());
    assertThat(live.inlinePolicies().keySet()).containsExactly("Second", "Special.Chars_+=,@-");
    String special = live.inlinePolicies().get("Special.Chars_+=,@-").get();
    assertThat(special).isEqualTo(INLINE_DOC);
    assertThat(json.readTree(special).at("/Statement/0/Resource").asText())
        .isEqualTo("arn:aws:s3:::bucket/a b+c&d=e%f?g#h/ü/\"q\"/<x>");
    assertThat(json.readTree(live.inlinePolicies().get("Second").get())
        .at("/Statement/Effect").asText()).isEqualTo("Deny");
    assertThat(live.accessKeys()).hasSize(2);
    LiveAccessKey a1 = live.accessKey(k1.accessKey().accessKeyId()).get();
    LiveAccessKey a2 = live.accessKey(k2.accessKey().accessKeyId()).get();
    assertThat(a1.status()).isEqualTo(LiveAccessKey.Status.Active);
    assertThat(a1.isActive()).isTrue();
    assertThat(a2.status()).isEqualTo(LiveAccessKey.Status.Inactive);
    assertThat(a1.created()).isEqualTo(k1.accessKey().createDate());
    assertThat(a2.created()).isEqualTo(k2.accessKey().createDate());
    assertThat(live.accessKeys()).extracting(LiveAccessKey::accessKeyId)
        .containsExactly(k1.accessKey().accessKeyId(), k2.accessKey().accessKeyId());
    assertThat(live.toString()).doesNotContain(k1.accessKey().secretAccessKey())
        .doesNotContain(k2.accessKey().secretAccessKey());
  }

  @Test
  void followsEveryPageOfEveryListCall() {
    String name = UniqueNames.user("live-pages");
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      tags.add(Tag.builder().key("k" + i).value("v" + i).build());
    }
    iam.createUser(r -> r.userName(name).tags(tags));
    MANAGED.forEach(arn -> iam.attachUserPolicy(r -> r.userName(name).policyArn(arn)));
    for (int i = 0; i < 5; i++) {
      String policy = "p" + i;
      iam.putUserPolicy(r -> r.userName(name).policyName(policy).policyDocument(
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:"
              + policy + "\",\"Resource\":\"*\"}]}"));
    }
    iam.createAccessKey(r -> r.userName(name));
    iam.createAccessKey(r -> r.userName(name));

    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    ExecutionInterceptor counter = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
        calls.computeIfAbsent(attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
            k -> new AtomicInteger()).incrementAndGet();
      }
    };
    try (IamClient counting = emulator.clientFactory()
        .configure(IamClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(counter)))
        .build()) {
      LiveUser live = LiveUserReader.builder(counting).pageSize(2).build().read(name).get();

      assertThat(live.managedPolicyArns()).containsExactlyInAnyOrderElementsOf(MANAGED);
      assertThat(live.tags().toJavaMap()).hasSize(7).containsEntry("k6", "v6");
      assertThat(live.inlinePolicies().keySet()).containsExactly("p0", "p1", "p2", "p3", "p4");
      assertThat(live.accessKeys()).hasSize(2);
      // 5 attached policies in pages of 2: the reader must have asked three times
      assertThat(calls.get("ListAttachedUserPolicies")).hasValue(3);
      assertThat(calls.get("GetUserPolicy")).hasValue(5);
      assertThat(calls.get("GetUser")).hasValue(1);
    }
  }

  @Test
  void anAbsentUserIsAnEmptyResultNotAnError() {
    LiveUserReader reader = LiveUserReader.of(iam);
    String name = UniqueNames.user("live-absent");
    assertThat(reader.read(name)).isEmpty();
    assertThat(LiveUserReader.builder(iam)
        .consistency(EventualConsistency.of(2,
            software.amazon.awssdk.retries.api.BackoffStrategy.retryImmediately()))
        .build().readAfterCreate(name)).isEmpty();
  }

  @Test
  void aUserWithNothingAttachedReadsAsEmptyCollections() {
    String name = UniqueNames.user("live-bare");
    iam.createUser(r -> r.userName(name));
    LiveUser live = LiveUserReader.of(iam).readAfterCreate(name).get();
    assertThat(live.path()).isEqualTo("/");
    assertThat(live.permissionsBoundary()).isEmpty();
    assertThat(live.tags()).isEmpty();
    assertThat(live.managedPolicyArns()).isEmpty();
    assertThat(live.inlinePolicies()).isEmpty();
    assertThat(live.accessKeys()).isEmpty();
  }

  @Test
  void readsThePermissionsBoundary() {
    String name = UniqueNames.user("live-boundary");
    String boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    User created = iam.createUser(r -> r.userName(name).permissionsBoundary(boundary)).user();
    boolean stored = iam.getUser(r -> r.userName(name)).user().permissionsBoundary() != null;
    assumeTrue(stored, "emulator gap: " + emulator.kind().id() + " ignores PermissionsBoundary "
        + "on CreateUser (GetUser returns none), so the boundary read cannot be checked here");
    assertThat(LiveUserReader.of(iam).read(name).get().permissionsBoundary())
        .containsExactly(boundary);
    assertThat(created.userName()).isEqualTo(name);
  }
}
