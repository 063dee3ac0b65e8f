package io.iamkit.api.state;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's actual state as read from IAM: what {@link StateDiff} compares a spec with. The module
 * that talks to IAM fills it; this type has no AWS dependency.
 *
 * @param userName            the user name as IAM stores it (case preserved)
 * @param userId              the unique id ({@code AIDA...})
 * @param arn                 the user's ARN
 * @param path                the user's path, {@code /} by default
 * @param permissionsBoundary the boundary policy's ARN, if any
 * @param tags                the user's tags
 * @param managedPolicyArns   ARNs of attached managed policies
 * @param inlinePolicies      inline policy name -> document, as IAM returns it (URL-encoded JSON is fine)
 * @param accessKeys          the user's access keys
 * @param createDate          when IAM created the user, if known
 */
public record LiveUser(
    String userName,
    String userId,
    String arn,
    String path,
    Option<String> permissionsBoundary,
    Map<String, String> tags,
    Set<String> managedPolicyArns,
    Map<String, String> inlinePolicies,
    Seq<LiveAccessKey> accessKeys,
    Option<Instant> createDate) {

  public LiveUser {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(managedPolicyArns, "managedPolicyArns");
    Objects.requireNonNull(inlinePolicies, "inlinePolicies");
    Objects.requireNonNull(accessKeys, "accessKeys");
    Objects.requireNonNull(createDate, "createDate");
  }

  /** A user whose creation date is not known. */
  public LiveUser(String userName, String userId, String arn, String path, Option<String> permissionsBoundary,
      Map<String, String> tags, Set<String> managedPolicyArns, Map<String, String> inlinePolicies,
      Seq<LiveAccessKey> accessKeys) {
    this(userName, userId, arn, path, permissionsBoundary, tags, managedPolicyArns, inlinePolicies, accessKeys,
        Option.none());
  }

  /** The access key with this id, if the user has it. */
  public Option<LiveAccessKey> accessKey(String accessKeyId) {
    return accessKeys.find(k -> k.accessKeyId().equals(accessKeyId));
  }

  public static Builder builder(String userName) {
    return new Builder(userName);
  }

  public Builder toBuilder() {
    Builder b = new Builder(userName);
    b.userId = userId;
    b.arn = arn;
    b.path = path;
    b.permissionsBoundary = permissionsBoundary;
    b.tags = tags;
    b.managedPolicyArns = managedPolicyArns;
    b.inlinePolicies = inlinePolicies;
    b.accessKeys = accessKeys;
    b.createDate = createDate;
    return b;
  }

  /** Builds a {@link LiveUser}; unset fields are empty (path {@code /}). */
  public static final class Builder {
    private String userName;
    private String userId = "";
    private String arn = "";
    private String path = "/";
    private Option<String> permissionsBoundary = Option.none();
    private Map<String, String> tags = LinkedHashMap.empty();
    private Set<String> managedPolicyArns = LinkedHashSet.empty();
    private Map<String, String> inlinePolicies = LinkedHashMap.empty();
    private Seq<LiveAccessKey> accessKeys = List.empty();
    private Option<Instant> createDate = Option.none();

    private Builder(String userName) {
      this.userName = Objects.requireNonNull(userName, "userName");
    }

    public Builder userName(String userName) {
      this.userName = Objects.requireNonNull(userName, "userName");
      return this;
    }

    public Builder userId(String userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    public Builder arn(String arn) {
      this.arn = Objects.requireNonNull(arn, "arn");
      return this;
    }

    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    public Builder permissionsBoundary(String arn) {
      this.permissionsBoundary = Option.of(arn).filter(a -> !a.isEmpty());
      return this;
    }

    public Builder tag(String key, String value) {
      this.tags = tags.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder managedPolicyArn(String arn) {
      this.managedPolicyArns = managedPolicyArns.add(Objects.requireNonNull(arn, "arn"));
      return this;
    }

    public Builder inlinePolicy(String name, String document) {
      this.inlinePolicies =
          inlinePolicies.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(document, "document"));
      return this;
    }

    public Builder accessKey(LiveAccessKey key) {
      this.accessKeys = accessKeys.append(Objects.requireNonNull(key, "key"));
      return this;
    }

    public Builder createDate(Instant createDate) {
      this.createDate = Option.of(createDate);
      return this;
    }

    public LiveUser build() {
      return new LiveUser(userName, userId, arn, path, permissionsBoundary, tags, managedPolicyArns,
          inlinePolicies, accessKeys, createDate);
    }
  }
}
