package com.partnercenter.benchmark;

import com.partnercenter.support.http.AppHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The accept page under concurrent clients, against the health endpoint as the floor in the same run: at
 * each level, C clients each send requests back to back until the level's total is reached, first to
 * {@code /actuator/health}, then GET of an open offer's page, then a refused POST (a form without its fields:
 * 400, nothing stored). Latency percentiles, and every answer that is not the expected one: 429 or 503 are
 * load shed (acceptable, counted apart), anything else (a 500, a timeout, a broken connection) is an error.
 */
final class AcceptPageLoad {

    /** One target at one level. */
    record Result(String target, int clients, int requests, double p50, double p95, double p99, double max,
            long errors, long shed, Map<Integer, Integer> statuses) {}

    private final AppHttp http;

    AcceptPageLoad(String baseUrl) {
        this.http = new AppHttp(baseUrl, BenchmarkApp.ENGINE, Duration.ofSeconds(60));
    }

    List<Result> compare(String pageUrl, int[] clientCounts, int requestsPerLevel, Report report) throws Exception {
        List<Result> results = new ArrayList<>();
        report.line("%-18s %7s %8s %8s %8s %8s %8s %7s %6s  %s", "target", "clients", "requests", "p50 ms", "p95 ms",
                "p99 ms", "max ms", "errors", "shed", "statuses");
        for (int clients : clientCounts) {
            int requests = Math.max(clients * 5, clients == 1 ? requestsPerLevel / 5 : requestsPerLevel);
            results.add(print(report, run("health", () -> http.get("/actuator/health"), 200, clients, requests)));
            results.add(print(report, run("accept GET", () -> http.get(pageUrl), 200, clients, requests)));
            results.add(print(report, run("refused POST", () -> http.postForm(pageUrl, AppHttp.form("country", "FR")),
                    400, clients, requests)));
        }
        return results;
    }

    private static Result print(Report report, Result r) {
        report.line("%-18s %7d %8d %8.1f %8.1f %8.1f %8.1f %7d %6d  %s", r.target(), r.clients(), r.requests(), r.p50(),
                r.p95(), r.p99(), r.max(), r.errors(), r.shed(), r.statuses());
        return r;
    }

    Result run(String target, Supplier<AppHttp.Answer> call, int expected, int clients, int requests) throws Exception {
        List<Double> ms = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new TreeMap<>();
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long start = System.nanoTime();
                    int status;
                    try {
                        status = call.get().status();
                    } catch (RuntimeException e) {
                        status = -1; // no answer: timeout or broken connection
                    }
                    ms.add((System.nanoTime() - start) / 1e6);
                    synchronized (statuses) {
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double[] sorted = Report.sorted(ms);
        long shed = statuses.getOrDefault(429, 0) + statuses.getOrDefault(503, 0);
        long errors = statuses.entrySet().stream().filter(e -> e.getKey() != expected && e.getKey() != 429
                && e.getKey() != 503).mapToLong(Map.Entry::getValue).sum();
        return new Result(target, clients, requests, Report.quantile(sorted, 0.5), Report.quantile(sorted, 0.95),
                Report.quantile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1], errors, shed, statuses);
    }

    void close() {
        http.close();
    }
}
