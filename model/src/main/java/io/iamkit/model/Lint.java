package io.iamkit.model;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.model.internal.Paths;
import io.iamkit.model.proto.AwsIamUser;
import io.iamkit.model.proto.AwsIamUserSpec;
import io.vavr.collection.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Least-privilege lint, separate from validation: it flags broad grants in a spec as warnings. It
 * never rejects anything and never throws; run it on any user, valid or not.
 */
public final class Lint {
  private static final Set<String> BROAD_MANAGED_POLICIES =
      Set.of("AdministratorAccess", "PowerUserAccess", "IAMFullAccess");
  private static final Pattern WILDCARD_ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:\\*");
  private static final Pattern AWS_MANAGED = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::aws:policy/(.+/)?([^/]+)");

  private Lint() {}

  /** Every warning for the user, in spec order. */
  public static Seq<LintWarning> check(AwsIamUser user) {
    Objects.requireNonNull(user, "user");
    List<LintWarning> out = new ArrayList<>();
    AwsIamUserSpec spec = user.getSpec();
    for (int i = 0; i < spec.getManagedPolicyArnsCount(); i++) {
      var matcher = AWS_MANAGED.matcher(spec.getManagedPolicyArns(i));
      if (matcher.matches() && BROAD_MANAGED_POLICIES.contains(matcher.group(3))) {
        String path = Paths.index("spec.managedPolicyArns", i);
        out.add(new LintWarning(path, "lint.broad-managed-policy",
            path + " attaches " + matcher.group(3) + ", far more than a service account should hold"));
      }
    }
    for (Map.Entry<String, Struct> policy : spec.getInlinePoliciesMap().entrySet()) {
      String path = Paths.key("spec.inlinePolicies", policy.getKey());
      Value statement = policy.getValue().getFieldsMap().get("Statement");
      if (statement == null) {
        continue;
      }
      if (statement.hasStructValue()) {
        statement(statement.getStructValue(), Paths.field(path, "Statement"), out);
      } else if (statement.hasListValue()) {
        List<Value> items = statement.getListValue().getValuesList();
        for (int i = 0; i < items.size(); i++) {
          if (items.get(i).hasStructValue()) {
            statement(items.get(i).getStructValue(), Paths.index(Paths.field(path, "Statement"), i), out);
          }
        }
      }
    }
    if (!spec.getDisableAccessKeys() && spec.getManagedPolicyArnsCount() == 0 && spec.getInlinePoliciesCount() == 0) {
      out.add(new LintWarning("spec", "lint.key-without-permissions",
          "the user gets an access key but no policies: the key can do nothing except sts:GetCallerIdentity;"
              + " add a policy or set disableAccessKeys: true"));
    }
    if (spec.getDisableAccessKeys() && spec.hasSecretDelivery()) {
      out.add(new LintWarning("spec.secretDelivery", "lint.secret-delivery-without-key",
          "spec.secretDelivery is set but disableAccessKeys is true: there is no access key to deliver"));
    }
    return io.vavr.collection.List.ofAll(out);
  }

  private static void statement(Struct statement, String path, List<LintWarning> out) {
    Map<String, Value> fields = statement.getFieldsMap();
    Value effect = fields.get("Effect");
    if (effect == null || !"Allow".equals(effect.getStringValue())) {
      return;
    }
    if (fields.containsKey("NotAction")) {
      out.add(new LintWarning(Paths.field(path, "NotAction"), "lint.allow-not-action",
          path + " allows every action except those listed (Allow with NotAction), including services added later"));
    }
    Value action = fields.get("Action");
    Value resource = fields.get("Resource");
    if (action != null && resource != null && strings(resource).contains("*")) {
      for (String a : strings(action)) {
        if (WILDCARD_ACTION.matcher(a).matches()) {
          out.add(new LintWarning(Paths.field(path, "Action"), "lint.wildcard-action",
              path + " allows " + Paths.quote(a) + " on every resource (\"*\"); name the actions and resources"));
        }
      }
    }
  }

  private static List<String> strings(Value value) {
    List<String> out = new ArrayList<>();
    if (value.hasStringValue()) {
      out.add(value.getStringValue());
    } else if (value.hasListValue()) {
      value.getListValue().getValuesList().stream().filter(Value::hasStringValue)
          .forEach(v -> out.add(v.getStringValue()));
    }
    return out;
  }
}
