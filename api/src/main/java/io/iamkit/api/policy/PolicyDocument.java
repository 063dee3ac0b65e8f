package io.iamkit.api.policy;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.iamkit.api.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An IAM policy document. Two documents are {@linkplain #equals(Object) equal} when they mean the
 * same: key order, whitespace, {@code "x"} vs {@code ["x"]}, the order and duplicates of actions,
 * resources and statements, the case of actions ({@code s3:GetObject} vs {@code S3:getobject}) and of
 * condition key names, and an empty {@code Sid} do not count; resource ARNs, effects and condition
 * values do. Documents can be read from JSON as IAM returns it (URL-encoded) and built fluently:
 *
 * <pre>{@code
 * PolicyDocument doc = PolicyDocument.builder()
 *     .statement(Statement.allow().actions("s3:GetObject").resources("arn:aws:s3:::bucket/*"))
 *     .build();
 * }</pre>
 */
public final class PolicyDocument {
  /** The current policy language version. */
  public static final String VERSION_2012_10_17 = "2012-10-17";

  private final Struct struct;
  private final String canonical;

  private PolicyDocument(Struct struct) {
    this.struct = struct;
    this.canonical = Json.write(Normalizer.document(Json.toJava(struct)));
  }

  /** The document held in a spec ({@code spec.inlinePolicies} values). */
  public static PolicyDocument of(Struct struct) {
    return new PolicyDocument(Objects.requireNonNull(struct, "struct"));
  }

  /**
   * Reads a document from JSON, plain or URL-encoded as IAM's Get*Policy calls return it.
   *
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public static PolicyDocument parse(String json) {
    Objects.requireNonNull(json, "json");
    return new PolicyDocument(Json.parseObject(json));
  }

  /** True when both texts are policy documents that mean the same. */
  public static boolean equivalent(String a, String b) {
    return parse(a).equals(parse(b));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The document as given, for a spec. */
  public Struct toStruct() {
    return struct;
  }

  /** Compact JSON of the document as given (keys sorted), e.g. to send to IAM. */
  public String toJson() {
    return Json.write(struct);
  }

  /**
   * The canonical form: compact JSON with sorted keys, lists that are sets sorted and without
   * duplicates, actions in lower case, no empty Sid. Equal documents have equal canonical forms.
   */
  public String canonicalJson() {
    return canonical;
  }

  /** Semantic equality, see the class comment. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDocument other && canonical.equals(other.canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  /** Builds a document: Version 2012-10-17 unless set, and the statements in order. */
  public static final class Builder {
    private String version = VERSION_2012_10_17;
    private String id;
    private final List<Statement> statements = new ArrayList<>();

    private Builder() { }

    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The optional policy {@code Id} (not allowed in identity policies; the validator reports it). */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    public Builder statement(Statement statement) {
      statements.add(Objects.requireNonNull(statement, "statement"));
      return this;
    }

    public Builder statement(Statement.Builder statement) {
      return statement(Objects.requireNonNull(statement, "statement").build());
    }

    public PolicyDocument build() {
      Struct.Builder s = Struct.newBuilder().putFields("Version", Json.string(version));
      if (id != null) {
        s.putFields("Id", Json.string(id));
      }
      ListValue.Builder list = ListValue.newBuilder();
      statements.forEach(st -> list.addValues(Value.newBuilder().setStructValue(st.toStruct())));
      s.putFields("Statement", Value.newBuilder().setListValue(list).build());
      return new PolicyDocument(s.build());
    }
  }
}
