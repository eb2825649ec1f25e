package org.undersigned.common;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.undersigned.ApiTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances' budgets (two RateBudgets, each with its own leases, one database): what both
 * allow never exceeds the limit, little of it is lost to unspent shares, and the database is
 * written once per claim, not once per request.
 */
@QuarkusTest
class RateBudgetsTest extends ApiTest {

    @Inject
    RateLimitStore store;

    @Test
    void twoInstancesShareOneBudgetWithFewWrites() throws Exception {
        RateBudgets a = new RateBudgets(store);
        RateBudgets b = new RateBudgets(store);
        int limit = 3_200;
        long window = 1_000_000_000L;
        Random random = new Random(7);
        int allowed = 0;
        for (int i = 0; i < 5_000; i++) {
            RateBudgets instance = random.nextBoolean() ? a : b;
            allowed += instance.take("test:shared", limit, window).allowed() ? 1 : 0;
        }
        assertTrue(allowed <= limit, "never more than the limit across instances: " + allowed);
        assertTrue(allowed >= limit - 2 * (limit / 32), "at most one unspent share per instance is lost: " + allowed);
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
             ResultSet counted = statement.executeQuery("select hits from rate_limit_windows where bucket = 'test:shared'")) {
            counted.next();
            assertTrue(counted.getInt(1) >= allowed, "every allowed request was claimed first");
        }
        // a small limit is exact: one request claimed at a time
        int small = 0;
        for (int i = 0; i < 40; i++) {
            small += (i % 2 == 0 ? a : b).take("test:small", 30, window).allowed() ? 1 : 0;
        }
        assertEquals(30, small);
    }

    @Test
    void claimsAreFarFewerThanRequests() {
        RateBudgets budgets = new RateBudgets(store);
        long window = 2_000_000_000L;
        int claims = 0;
        for (int i = 0; i < 10_000; i++) {
            RateBudgets.Take take = budgets.takeFromMemory("test:many", 1_000_000, window);
            if (take == null) {
                claims++; // this one needs the database
                take = budgets.take("test:many", 1_000_000, window);
            }
            assertTrue(take.allowed());
        }
        // shares double from 1 up to 1024: 10,000 requests cost about 20 claims
        assertTrue(claims <= 25, "claims: " + claims);
    }
}
