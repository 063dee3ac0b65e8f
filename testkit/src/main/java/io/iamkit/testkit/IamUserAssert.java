package io.iamkit.testkit;

import io.iamkit.api.policy.PolicyDocument;
import io.iamkit.api.state.LiveAccessKey;
import io.iamkit.api.state.LiveUser;
import io.iamkit.live.LiveUserReader;
import io.vavr.control.Option;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * AssertJ assertions on one IAM user, by name. Every method reads the user from IAM at the moment
 * it runs. Failure messages show what IAM holds; they never contain a secret (IAM never returns
 * one after {@code CreateAccessKey}).
 */
public final class IamUserAssert extends AbstractAssert<IamUserAssert, String> {

  private final LiveUserReader reader;

  IamUserAssert(IamClient iam, String userName) {
    super(userName, IamUserAssert.class);
    this.reader = LiveUserReader.of(Objects.requireNonNull(iam, "iam"));
  }

  /** The user as IAM has it now; fails when there is no such user. */
  public LiveUser live() {
    isNotNull();
    Option<LiveUser> user = reader.read(actual);
    if (user.isEmpty()) {
      failWithMessage("Expecting IAM user <%s> to exist, but IAM has no user of that name", actual);
    }
    return user.get();
  }

  /** The user exists in IAM. */
  public IamUserAssert exists() {
    live();
    return this;
  }

  /** IAM has no user of this name. */
  public IamUserAssert isAbsent() {
    isNotNull();
    Option<LiveUser> user = reader.read(actual);
    if (user.isDefined()) {
      LiveUser u = user.get();
      failWithMessage("Expecting IAM user <%s> to be absent, but it exists (id %s) with managed "
          + "policies %s, inline policies %s and access keys %s", actual, u.userId(),
          u.managedPolicyArns().toJavaList(), u.inlinePolicies().keySet().toJavaList(),
          u.accessKeys().map(LiveAccessKey::accessKeyId).toJavaList());
    }
    return this;
  }

  /** Exactly these managed policies are attached, in any order. */
  public IamUserAssert hasExactlyManagedPolicies(String... policyArns) {
    return hasExactlyManagedPolicies(Arrays.asList(policyArns));
  }

  /** Exactly these managed policies are attached, in any order. */
  public IamUserAssert hasExactlyManagedPolicies(Collection<String> policyArns) {
    TreeSet<String> expected = new TreeSet<>(policyArns);
    TreeSet<String> attached = new TreeSet<>(live().managedPolicyArns().toJavaList());
    if (!expected.equals(attached)) {
      TreeSet<String> missing = new TreeSet<>(expected);
      missing.removeAll(attached);
      TreeSet<String> extra = new TreeSet<>(attached);
      extra.removeAll(expected);
      failWithMessage("Expecting IAM user <%s> to have exactly managed policies %s but it has %s "
          + "(missing %s, extra %s)", actual, expected, attached, missing, extra);
    }
    return this;
  }

  /** Exactly these inline policy names exist on the user, in any order. */
  public IamUserAssert hasExactlyInlinePolicies(String... policyNames) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(policyNames));
    TreeSet<String> actualNames = new TreeSet<>(live().inlinePolicies().keySet().toJavaSet());
    if (!expected.equals(actualNames)) {
      failWithMessage("Expecting IAM user <%s> to have exactly inline policies %s but it has %s",
          actual, expected, actualNames);
    }
    return this;
  }

  /**
   * The inline policy exists and is equal in meaning to {@code expectedJson}: key order,
   * single-vs-list values, whitespace and IAM's URL encoding do not count
   * ({@link PolicyDocument} equality).
   */
  public IamUserAssert hasInlinePolicyEqualInMeaningTo(String policyName, String expectedJson) {
    PolicyDocument expected = PolicyDocument.parse(expectedJson);
    LiveUser user = live();
    Option<String> document = user.inlinePolicies().get(policyName);
    if (document.isEmpty()) {
      failWithMessage("Expecting IAM user <%s> to have inline policy <%s> but it has only %s",
          actual, policyName, user.inlinePolicies().keySet().toJavaList());
    }
    PolicyDocument found;
    try {
      found = PolicyDocument.parse(document.get());
    } catch (IllegalArgumentException e) {
      failWithMessage("Inline policy <%s> of IAM user <%s> is not a policy document: %s",
          policyName, actual, e.getMessage());
      return this;
    }
    if (!found.equals(expected)) {
      failWithMessage("Expecting inline policy <%s> of IAM user <%s> to be equal in meaning to%n"
          + "  %s%nbut it is%n  %s", policyName, actual, expected.canonicalJson(),
          found.canonicalJson());
    }
    return this;
  }

  /** The user's tags are exactly these (keys and values), not counting reserved {@code aws:} and {@code iamkit:} tags. */
  public IamUserAssert hasTagsExactly(Map<String, String> tags) {
    TreeMap<String, String> expected = new TreeMap<>(tags);
    // aws: and iamkit: tags are AWS's and the backends' own bookkeeping, not the spec's
    TreeMap<String, String> found = new TreeMap<>(
        live().tags().filterKeys(k -> !io.iamkit.api.state.StateDiff.isReservedTag(k)).toJavaMap());
    if (!expected.equals(found)) {
      failWithMessage("Expecting IAM user <%s> to have exactly tags %s but it has %s", actual,
          expected, found);
    }
    return this;
  }

  /** The user has at least these tags (keys and values); others may exist. */
  public IamUserAssert hasTagsContaining(Map<String, String> tags) {
    TreeMap<String, String> found = new TreeMap<>(live().tags().toJavaMap());
    TreeMap<String, String> missing = new TreeMap<>();
    tags.forEach((k, v) -> {
      if (!v.equals(found.get(k))) {
        missing.put(k, v);
      }
    });
    if (!missing.isEmpty()) {
      failWithMessage("Expecting IAM user <%s> to have tags %s but %s are missing or differ; it "
          + "has %s", actual, new TreeMap<>(tags), missing, found);
    }
    return this;
  }

  /** The user has exactly {@code count} access keys, every one with this status. */
  public IamUserAssert hasAccessKeys(int count, LiveAccessKey.Status status) {
    Objects.requireNonNull(status, "status");
    List<LiveAccessKey> keys = live().accessKeys().toJavaList();
    boolean ok = keys.size() == count && keys.stream().allMatch(k -> k.status() == status);
    if (!ok) {
      failWithMessage("Expecting IAM user <%s> to have exactly %s access key(s), all %s, but it "
          + "has %s", actual, count, status, describe(keys));
    }
    return this;
  }

  /** The user has no access key. */
  public IamUserAssert hasNoAccessKeys() {
    List<LiveAccessKey> keys = live().accessKeys().toJavaList();
    if (!keys.isEmpty()) {
      failWithMessage("Expecting IAM user <%s> to have no access keys but it has %s", actual,
          describe(keys));
    }
    return this;
  }

  /** The user's only access key is this one, with this status. */
  public IamUserAssert hasOnlyAccessKey(String accessKeyId, LiveAccessKey.Status status) {
    List<LiveAccessKey> keys = live().accessKeys().toJavaList();
    boolean ok = keys.size() == 1 && keys.get(0).accessKeyId().equals(accessKeyId)
        && keys.get(0).status() == status;
    if (!ok) {
      failWithMessage("Expecting IAM user <%s> to have only access key %s (%s) but it has %s",
          actual, accessKeyId, status, describe(keys));
    }
    return this;
  }

  private static List<String> describe(List<LiveAccessKey> keys) {
    return keys.stream().map(k -> k.accessKeyId() + " (" + k.status() + ")").toList();
  }
}
