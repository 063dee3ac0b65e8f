package io.iamkit.live;

import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.GetUserPolicyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Reads a user's actual state through the IAM API into the api's {@link LiveUser} (the type
 * {@link io.iamkit.api.state.StateDiff} compares with a spec): the user itself, its tags, attached
 * managed policies, inline policy documents (decoded from IAM's URL encoding) and access keys with
 * their status and dates.
 *
 * <p>Every list call follows IAM's pagination to the end (page size configurable). A user that
 * does not exist is a normal answer: {@link Option#none()}. Throttling is retried by the client's
 * retry strategy (see {@link AwsClientFactory}); {@code NoSuchEntity} on a part of a user that was
 * just found is retried within {@link EventualConsistency} bounds, and if the user has vanished
 * meanwhile the answer is empty.
 */
public final class LiveUserReader {

  private static final Logger LOG = LoggerFactory.getLogger(LiveUserReader.class);

  private final IamClient iam;
  private final Integer pageSize;
  private final EventualConsistency consistency;

  private LiveUserReader(Builder b) {
    this.iam = Objects.requireNonNull(b.iam, "iam");
    if (b.pageSize != null && (b.pageSize < 1 || b.pageSize > 1000)) {
      throw new IllegalArgumentException("pageSize must be within 1..1000, was " + b.pageSize);
    }
    this.pageSize = b.pageSize;
    this.consistency = Objects.requireNonNull(b.consistency, "consistency");
  }

  /** A reader with IAM's default page size and the default consistency bounds. */
  public static LiveUserReader of(IamClient iam) {
    return builder(iam).build();
  }

  public static Builder builder(IamClient iam) {
    return new Builder(iam);
  }

  /** The page size sent as {@code MaxItems}, empty when IAM's default (100) applies. */
  public Optional<Integer> pageSize() {
    return Optional.ofNullable(pageSize);
  }

  /**
   * The user's state now, or empty if IAM has no user of that name. Use this where absence is a
   * possible answer (drift, destroy, preview).
   */
  public Option<LiveUser> read(String userName) {
    Objects.requireNonNull(userName, "userName");
    Optional<User> user = getUser(userName);
    return Option.ofOptional(user.flatMap(this::readParts));
  }

  /**
   * The state of a user that was just created: {@code NoSuchEntity} from {@code GetUser} is
   * retried within the consistency bounds, because IAM may not show a new user at once. Empty only
   * if the user is still absent when the bound is reached.
   */
  public Option<LiveUser> readAfterCreate(String userName) {
    Objects.requireNonNull(userName, "userName");
    Optional<User> user;
    try {
      user = Optional.of(consistency.call(
          () -> iam.getUser(r -> r.userName(userName)).user(),
          e -> e instanceof NoSuchEntityException));
    } catch (NoSuchEntityException e) {
      LOG.debug("user {} still absent after {} attempts", userName, consistency.maxAttempts());
      user = Optional.empty();
    }
    return Option.ofOptional(user.flatMap(this::readParts));
  }

  private Optional<User> getUser(String userName) {
    try {
      return Optional.of(iam.getUser(r -> r.userName(userName)).user());
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
  }

  private Optional<LiveUser> readParts(User user) {
    String name = user.userName();
    try {
      Map<String, String> tags = consistent(() -> listTags(name));
      Set<String> managed = consistent(() -> listManagedPolicyArns(name));
      Map<String, String> inline = consistent(() -> listInlinePolicies(name));
      List<LiveAccessKey> keys = consistent(() -> listAccessKeys(name));
      AttachedPermissionsBoundary boundary = user.permissionsBoundary();
      return Optional.of(new LiveUser(
          name,
          user.userId(),
          user.arn(),
          user.path() == null ? "/" : user.path(),
          Option.of(boundary).map(AttachedPermissionsBoundary::permissionsBoundaryArn),
          tags,
          managed,
          inline,
          keys,
          Option.of(user.createDate())));
    } catch (NoSuchEntityException e) {
      if (getUser(name).isEmpty()) {
        LOG.debug("user {} was deleted while being read", name);
        return Optional.empty();
      }
      throw e;
    }
  }

  private <T> T consistent(Supplier<T> call) {
    return consistency.call(call, e -> e instanceof NoSuchEntityException);
  }

  /** Tags in the order IAM lists them. */
  private Map<String, String> listTags(String userName) {
    Map<String, String> tags = LinkedHashMap.empty();
    for (Tag tag : iam.listUserTagsPaginator(r -> r.userName(userName).maxItems(pageSize)).tags()) {
      tags = tags.put(tag.key(), tag.value());
    }
    return tags;
  }

  /** Attached managed policy ARNs, sorted. */
  private Set<String> listManagedPolicyArns(String userName) {
    java.util.List<String> arns = new java.util.ArrayList<>();
    for (AttachedPolicy p : iam.listAttachedUserPoliciesPaginator(
        r -> r.userName(userName).maxItems(pageSize)).attachedPolicies()) {
      arns.add(p.policyArn());
    }
    return LinkedHashSet.ofAll(List.ofAll(arns).sorted());
  }

  /** Inline policy name to document (decoded from IAM's URL encoding), sorted by name. */
  private Map<String, String> listInlinePolicies(String userName) {
    java.util.TreeMap<String, String> policies = new java.util.TreeMap<>();
    for (String policyName : iam.listUserPoliciesPaginator(
        r -> r.userName(userName).maxItems(pageSize)).policyNames()) {
      GetUserPolicyResponse doc =
          iam.getUserPolicy(r -> r.userName(userName).policyName(policyName));
      policies.put(policyName, PolicyDocuments.urlDecode(doc.policyDocument()));
    }
    return LinkedHashMap.ofAll(policies);
  }

  /** Access keys (metadata only, never a secret), oldest first. */
  private List<LiveAccessKey> listAccessKeys(String userName) {
    java.util.List<LiveAccessKey> keys = new java.util.ArrayList<>();
    for (AccessKeyMetadata k : iam.listAccessKeysPaginator(
        r -> r.userName(userName).maxItems(pageSize)).accessKeyMetadata()) {
      keys.add(new LiveAccessKey(k.accessKeyId(), LiveAccessKey.status(k.statusAsString()),
          k.createDate(), lastUsed(k.accessKeyId())));
    }
    return List.ofAll(keys).sortBy(LiveAccessKey::accessKeyId)
        .sortBy(LiveAccessKey::created);
  }

  private Option<Instant> lastUsed(String accessKeyId) {
    GetAccessKeyLastUsedResponse r = iam.getAccessKeyLastUsed(b -> b.accessKeyId(accessKeyId));
    return Option.of(r.accessKeyLastUsed()).flatMap(u -> Option.of(u.lastUsedDate()));
  }

  public static final class Builder {
    private final IamClient iam;
    private Integer pageSize;
    private EventualConsistency consistency = EventualConsistency.DEFAULT;

    private Builder(IamClient iam) {
      this.iam = iam;
    }

    /** {@code MaxItems} for every list call (1..1000); null means IAM's default. */
    public Builder pageSize(Integer pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    public Builder consistency(EventualConsistency consistency) {
      this.consistency = consistency;
      return this;
    }

    public LiveUserReader build() {
      return new LiveUserReader(this);
    }
  }
}
