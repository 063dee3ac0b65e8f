package io.iamkit.live;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A user's actual state in IAM, as read through the IAM API by {@link LiveUserReader}.
 *
 * @param userName the user's name as IAM stores it (case preserved)
 * @param userId IAM's stable unique id ({@code AIDA...})
 * @param arn the user's ARN
 * @param path the user's path ({@code /} by default)
 * @param permissionsBoundaryArn the ARN of the permissions boundary policy, if one is set
 * @param createDate when IAM created the user
 * @param tags tag key to value, in the order IAM listed them
 * @param managedPolicyArns ARNs of the attached managed policies, sorted
 * @param inlinePolicies inline policies by name, sorted by name, documents decoded and parsed
 * @param accessKeys the user's access keys (metadata only, never a secret), oldest first
 */
public record LiveUser(
    String userName,
    String userId,
    String arn,
    String path,
    Optional<String> permissionsBoundaryArn,
    Instant createDate,
    Map<String, String> tags,
    List<String> managedPolicyArns,
    Map<String, InlinePolicy> inlinePolicies,
    List<AccessKey> accessKeys) {

  public LiveUser {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(permissionsBoundaryArn, "permissionsBoundaryArn");
    Objects.requireNonNull(createDate, "createDate");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    managedPolicyArns = managedPolicyArns.stream().sorted().toList();
    TreeMap<String, InlinePolicy> inline = new TreeMap<>();
    inlinePolicies.forEach((name, policy) -> {
      if (!name.equals(policy.name())) {
        throw new IllegalArgumentException(
            "inline policy keyed '" + name + "' is named '" + policy.name() + "'");
      }
      inline.put(name, policy);
    });
    inlinePolicies = Collections.unmodifiableSortedMap(inline);
    accessKeys = accessKeys.stream()
        .sorted(Comparator.comparing(AccessKey::createDate)
            .thenComparing(AccessKey::accessKeyId))
        .toList();
  }

  /** The inline policy with this exact name, if the user has one. */
  public Optional<InlinePolicy> inlinePolicy(String policyName) {
    return Optional.ofNullable(inlinePolicies.get(policyName));
  }

  /** The access key with this id, if the user has it. */
  public Optional<AccessKey> accessKey(String accessKeyId) {
    return accessKeys.stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst();
  }
}
