package io.iamkit.model;

import com.google.protobuf.Struct;
import io.iamkit.model.internal.Paths;
import io.iamkit.model.internal.PolicyGrammar;
import io.iamkit.model.internal.ProtoRules;
import io.iamkit.model.internal.StructJson;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Checks every AWS rule on an {@link AwsIamUser} before any AWS call, reporting all violations at once.
 *
 * <p>Single-field rules are protovalidate rules in {@code aws_iam_user.proto}; the rest (policy grammar,
 * the inline size quota, uniqueness, counts, the reserved {@code aws:} and {@code iamkit:} tag
 * prefixes) are checked here. Never
 * throws for any user value.
 */
public final class Validator {
  /** IAM's quota on the inline policies of one user, in characters not counting whitespace. */
  public static final int MAX_INLINE_POLICY_CHARACTERS = 2048;
  /** IAM's quota on tags per user. */
  public static final int MAX_TAGS = 50;
  /**
   * Tag keys under this prefix (in any case) are the backends' own (ownership, key id) and are not
   * compared with the spec, so a spec may not use them.
   */
  private static final String IAMKIT_TAG_PREFIX = "iamkit:";

  private final ValidationOptions options;

  private Validator(ValidationOptions options) {
    this.options = options;
  }

  public static Validator create() {
    return new Validator(ValidationOptions.defaults());
  }

  public static Validator create(ValidationOptions options) {
    return new Validator(Objects.requireNonNull(options, "options"));
  }

  public ValidationOptions options() {
    return options;
  }

  /** Validates one user. */
  public Validation<Seq<Violation>, AwsIamUser> validate(AwsIamUser user) {
    Objects.requireNonNull(user, "user");
    List<Violation> violations = check(user);
    return violations.isEmpty()
        ? Validation.valid(user)
        : Validation.invalid(io.vavr.collection.List.ofAll(violations));
  }

  /**
   * Validates a set of users, each on its own and as a whole: user names must be unique ignoring case
   * (IAM treats {@code svc-x} and {@code SVC-X} as the same user) and {@code metadata.name} unique.
   * Each message starts with the user's {@code metadata.name} (or {@code users[i]}) to tell them apart.
   */
  public Validation<Seq<Violation>, Seq<AwsIamUser>> validateAll(Seq<AwsIamUser> users) {
    Objects.requireNonNull(users, "users");
    List<Violation> violations = new ArrayList<>();
    checkAll(users).forEach(violations::addAll);
    return violations.isEmpty()
        ? Validation.valid(users)
        : Validation.invalid(io.vavr.collection.List.ofAll(violations));
  }

  /**
   * The violations of {@link #validateAll}, by user: element {@code i} holds those of
   * {@code users[i]}, a duplicate name counted against the later of the two users.
   */
  List<List<Violation>> checkAll(Seq<AwsIamUser> users) {
    List<List<Violation>> byUser = new ArrayList<>();
    Map<String, Integer> userNames = new HashMap<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < users.size(); i++) {
      AwsIamUser user = Objects.requireNonNull(users.get(i), "users[" + i + "]");
      List<Violation> violations = new ArrayList<>();
      byUser.add(violations);
      String label = label(user, i);
      for (Violation violation : check(user)) {
        violations.add(new Violation(violation.path(), violation.rule(), label + ": " + violation.message()));
      }
      String userName = user.getSpec().getUserName();
      if (!userName.isEmpty()) {
        Integer first = userNames.putIfAbsent(userName.toLowerCase(Locale.ROOT), i);
        if (first != null) {
          String other = users.get(first).getSpec().getUserName();
          violations.add(new Violation("spec.userName", "user-name.duplicate",
              label + ": user name " + Paths.quote(userName) + " is the same IAM user as "
                  + Paths.quote(other) + " of " + label(users.get(first), first)
                  + " (IAM user names ignore case)"));
        }
      }
      String name = user.getMetadata().getName();
      if (!name.isEmpty()) {
        Integer first = names.putIfAbsent(name, i);
        if (first != null) {
          violations.add(new Violation("metadata.name", "metadata-name.duplicate",
              label + ": metadata.name " + Paths.quote(name) + " is already used by users[" + first + "]"));
        }
      }
    }
    return byUser;
  }

  private static String label(AwsIamUser user, int index) {
    String name = user.getMetadata().getName();
    return name.isEmpty() ? "users[" + index + "]" : name;
  }

  private List<Violation> check(AwsIamUser user) {
    List<Violation> out = new ArrayList<>(ProtoRules.check(user));
    AwsIamUserSpec spec = user.getSpec();
    checkManagedPolicies(spec, out);
    checkTags(user, out);
    checkInlinePolicies(spec, out);
    return out;
  }

  private void checkManagedPolicies(AwsIamUserSpec spec, List<Violation> out) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> arns = spec.getManagedPolicyArnsList();
    for (int i = 0; i < arns.size(); i++) {
      Integer first = seen.putIfAbsent(arns.get(i), i);
      if (first != null) {
        String path = Paths.index("spec.managedPolicyArns", i);
        out.add(new Violation(path, "managed-policy-arn.duplicate",
            path + " duplicates spec.managedPolicyArns[" + first + "] " + Paths.quote(arns.get(i))));
      }
    }
    int distinct = seen.size();
    if (distinct > options.maxManagedPolicies()) {
      out.add(new Violation("spec.managedPolicyArns", "managed-policy-arns.count",
          "spec.managedPolicyArns attaches " + distinct + " managed policies; at most "
              + options.maxManagedPolicies() + " allowed (IAM quota; raise ValidationOptions.maxManagedPolicies "
              + "up to " + ValidationOptions.HARD_MAX_MANAGED_POLICIES + " if your account's quota is raised)"));
    }
  }

  private static void checkTags(AwsIamUser user, List<Violation> out) {
    Map<String, String> specKeys = tagKeys(user.getSpec().getTagsMap(), "spec.tags", out);
    Map<String, String> metadataKeys = tagKeys(user.getMetadata().getTagsMap(), "metadata.tags", out);
    metadataKeys.forEach((lower, key) -> {
      String specKey = specKeys.get(lower);
      if (specKey != null && !(specKey.equals(key)
          && user.getSpec().getTagsMap().get(specKey).equals(user.getMetadata().getTagsMap().get(key)))) {
        String path = Paths.key("metadata.tags", key);
        out.add(new Violation(path, "tag-key.duplicate",
            "tag key " + Paths.quote(key) + " in metadata.tags collides with " + Paths.quote(specKey)
                + " in spec.tags (IAM tag keys ignore case)"));
      }
    });
    if (user.getMetadata().getTagsCount() > 0 && user.getMetadata().getTagListCount() > 0) {
      out.add(new Violation("metadata.tags", "metadata-tags.both-forms",
          "metadata.tags is either a map (IAM tags) or a list of strings, not both"));
    }
    int count = IamTags.effective(user).size();
    if (count > MAX_TAGS) {
      out.add(new Violation("spec.tags", "tags.count",
          "the user would get " + count + " tags (spec.tags and metadata.tags); IAM allows at most " + MAX_TAGS));
    }
  }

  /** Checks the aws: prefix and case-insensitive uniqueness; returns lower-case key -> first key. */
  private static Map<String, String> tagKeys(Map<String, String> tags, String base, List<Violation> out) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String key : tags.keySet()) {
      String path = Paths.key(base, key);
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.startsWith("aws:")) {
        out.add(new Violation(path, "tag-key.reserved-prefix",
            "tag key " + Paths.quote(key) + " starts with \"aws:\", which AWS reserves for its own tags"));
      } else if (lower.startsWith(IAMKIT_TAG_PREFIX)) {
        out.add(new Violation(path, "tag-key.reserved-prefix",
            "tag key " + Paths.quote(key) + " starts with \"" + IAMKIT_TAG_PREFIX + "\", which iamkit's backends"
                + " reserve for their own bookkeeping tags (IAM tag keys ignore case)"));
      }
      String first = seen.putIfAbsent(lower, key);
      if (first != null) {
        out.add(new Violation(path, "tag-key.duplicate",
            "tag key " + Paths.quote(key) + " collides with " + Paths.quote(first) + " (IAM tag keys ignore case)"));
      }
    }
    return seen;
  }

  private static void checkInlinePolicies(AwsIamUserSpec spec, List<Violation> out) {
    long total = 0;
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Struct> policy : spec.getInlinePoliciesMap().entrySet()) {
      String path = Paths.key("spec.inlinePolicies", policy.getKey());
      int before = out.size();
      PolicyGrammar.check(policy.getValue(), path, out::add);
      boolean tooDeep = out.subList(before, out.size()).stream().anyMatch(v -> v.rule().equals("policy.too-deep"));
      if (!tooDeep) {
        int size = StructJson.sizeWithoutWhitespace(policy.getValue());
        total += size;
        parts.add(policy.getKey() + " " + number(size));
      }
    }
    if (total > MAX_INLINE_POLICY_CHARACTERS) {
      out.add(new Violation("spec.inlinePolicies", "inline-policies.size",
          "inline policies total " + number(total) + " characters not counting whitespace ("
              + String.join(", ", parts) + "); IAM allows at most " + number(MAX_INLINE_POLICY_CHARACTERS)
              + " per user"));
    }
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
