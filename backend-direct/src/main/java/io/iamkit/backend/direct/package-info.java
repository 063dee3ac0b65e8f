/**
 * Backend {@code direct}: converges an IAM user through the IAM API, with no engine and no state
 * file. The only public type is {@link io.iamkit.backend.direct.DirectBackend}, registered for
 * {@link java.util.ServiceLoader} under the name {@code direct}.
 */
package io.iamkit.backend.direct;
