package io.iamkit.api;

/**
 * Told about every AWS request a backend sends, before it is sent. Registered on an
 * {@link AwsTarget}; backends build their AWS clients so that each call reaches every observer of
 * the target (module {@code iamkit-live} does this for clients it builds from a target).
 *
 * <p>Meant for tests and audit (for example, checking that every key and inline policy is deleted
 * before {@code DeleteUser}). An observer must be quick, thread-safe and must not throw; it must
 * never log the request, which can carry secrets.
 */
@FunctionalInterface
public interface AwsCallObserver {

  /**
   * One request about to be sent.
   *
   * @param service   the service name as the SDK spells it, e.g. {@code IAM}
   * @param operation the operation, e.g. {@code DeleteUser}
   * @param request   the SDK's request object (type depends on the SDK; AWS SDK v2: an
   *                  {@code SdkRequest})
   */
  void beforeCall(String service, String operation, Object request);
}
