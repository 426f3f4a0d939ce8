/**
 * Benchmarks, built only with {@code -Pbenchmarks}: JMH for the signer and verifier ({@link
 * io.github.discountcard.benchmarks.CryptoBenchmarks}) and a loopback load benchmark of this client, a raw
 * WebClient and the official wechatpay-java SDK ({@link io.github.discountcard.benchmarks.LoadBenchmark}),
 * both started by {@link io.github.discountcard.benchmarks.BenchmarkMain}. See BENCHMARKS.md.
 */
package io.github.discountcard.benchmarks;
