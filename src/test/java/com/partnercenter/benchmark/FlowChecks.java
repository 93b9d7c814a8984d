package com.partnercenter.benchmark;

import com.partnercenter.support.http.CustomerFlowOverHttp;
import com.partnercenter.support.http.CustomerFlowOverHttp.Kind;
import com.partnercenter.support.http.MailCatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * After a batch, what became of each flow, read in the database (as the observer: never counted) and at the
 * SMTP server. A flow is
 * <ul>
 *   <li><b>lost</b> when its client failed, or what it should have produced is missing: the bare instance did
 *       not end; the purchase or trial instance, the customer, its subscription or one of the six mails is
 *       missing;</li>
 *   <li><b>duplicated</b> when something exists more than once: an address received more mails than the flow
 *       sends it, two purchase or trial instances for one invitation, two customers for the domain, two
 *       subscriptions, an external task completed twice for one activity;</li>
 *   <li><b>waiting</b> when work is left behind once the batch settled: a due job, an open external task or an
 *       incident on one of its instances, or a purchase instance that has not ended (the open offer waiting
 *       in "Manage the offer", the trial instance waiting for its reminder timer, are where they belong).</li>
 * </ul>
 */
final class FlowChecks {

    /** One flow of a batch as the client saw it: the started instance (null if none) and why it failed. */
    record Flow(String kind, String tag, String instanceId, String failure, CustomerFlowOverHttp.Run customer) {}

    /** The verdict on one flow. */
    record Verdict(Flow flow, boolean lost, boolean duplicated, boolean waiting, List<String> why) {}

    private final Connection db;
    private final MailCatcher mail;

    FlowChecks(Connection observer, MailCatcher mail) {
        this.db = observer;
        this.mail = mail;
    }

    /** Every process instance of the flow: the started one and those started for its acceptances. */
    List<String> instances(Flow flow) {
        List<String> ids = new ArrayList<>();
        if (flow.instanceId() == null) {
            return ids;
        }
        ids.add(flow.instanceId());
        if (flow.customer() != null) {
            ids.addAll(strings("select p.id_ from act_hi_procinst p join act_hi_procinst o on o.id_ = ? "
                    + "where p.business_key_ like o.business_key_ || '-%'", flow.instanceId()));
        }
        return ids;
    }

    /** True when none of the flows has work left that should run by itself (due jobs, open external tasks). */
    boolean settled(List<Flow> flows) {
        for (Flow flow : flows) {
            List<String> ids = instances(flow);
            if (!ids.isEmpty() && (dueJobs(ids) > 0 || count("select count(*) from act_ru_ext_task where proc_inst_id_ "
                    + in(ids), ids.toArray()) > 0)) {
                return false;
            }
        }
        return true;
    }

    Verdict check(Flow flow) {
        List<String> lost = new ArrayList<>();
        List<String> dup = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        if (flow.failure() != null) {
            lost.add(flow.failure());
        }
        List<String> ids = instances(flow);
        if (flow.instanceId() == null) {
            lost.add("no instance was started");
        } else if (flow.customer() == null) {
            Long ended = number("select count(*) from act_hi_procinst where id_ = ? and end_time_ is not null "
                    + "and end_act_id_ = 'ended'", flow.instanceId());
            if (ended == 0) {
                (flow.failure() == null ? waiting : lost).add("the bare instance has not ended");
            }
        } else {
            customerFlow(flow, lost, dup, waiting);
        }
        if (!ids.isEmpty()) {
            Object[] args = ids.toArray();
            if (dueJobs(ids) > 0) {
                waiting.add(dueJobs(ids) + " due job(s) left");
            }
            long tasks = count("select count(*) from act_ru_ext_task where proc_inst_id_ " + in(ids), args);
            if (tasks > 0) {
                waiting.add(tasks + " external task(s) open");
            }
            long incidents = count("select count(*) from act_ru_incident where proc_inst_id_ " + in(ids), args);
            if (incidents > 0) {
                waiting.add(incidents + " incident(s)");
            }
            long twice = count("select count(*) from (select proc_inst_id_, act_inst_id_ from act_hi_ext_task_log "
                    + "where state_ = 2 and proc_inst_id_ " + in(ids) + " group by proc_inst_id_, act_inst_id_ "
                    + "having count(*) > 1) t", args);
            if (twice > 0) {
                dup.add(twice + " external task(s) completed twice");
            }
        }
        List<String> why = new ArrayList<>(lost);
        why.addAll(dup);
        why.addAll(waiting);
        return new Verdict(flow, !lost.isEmpty(), !dup.isEmpty(), !waiting.isEmpty(), why);
    }

    private void customerFlow(Flow flow, List<String> lost, List<String> dup, List<String> waiting) {
        CustomerFlowOverHttp.Run run = flow.customer();
        boolean offer = run.kind() == Kind.PURCHASE_OFFER;
        List<String> acceptances = strings("select p.id_ from act_hi_procinst p join act_hi_procinst o on o.id_ = ? "
                + "where p.business_key_ like o.business_key_ || '-A%' and p.proc_def_key_ = ?", flow.instanceId(),
                offer ? "purchaseOfferAcceptance" : "trialAcceptance");
        if (acceptances.isEmpty()) {
            lost.add("no " + (offer ? "purchase" : "trial") + " instance");
        } else if (acceptances.size() > 1) {
            dup.add(acceptances.size() + " " + (offer ? "purchase" : "trial") + " instances");
        }
        for (String acceptance : acceptances) {
            if (offer && number("select count(*) from act_hi_procinst where id_ = ? and end_act_id_ = 'End_Purchased'",
                    acceptance) == 0) {
                waiting.add("the purchase instance has not ended as purchased");
            }
            if (!offer && number("select count(*) from act_hi_procinst where id_ = ? and end_time_ is not null",
                    acceptance) > 0) {
                lost.add("the trial instance ended (refused?)");
            }
        }
        long customers = number("select count(*) from pc_customer where domain = ?", run.domain());
        if (customers == 0) {
            lost.add("no customer " + run.domain());
        } else if (customers > 1) {
            dup.add(customers + " customers " + run.domain());
        }
        long subscriptions = number("select count(*) from pc_subscription s join pc_customer c on c.id = s.customer_id "
                + "where c.domain = ?", run.domain());
        if (customers > 0 && subscriptions == 0) {
            lost.add("no subscription");
        } else if (subscriptions > 1) {
            dup.add(subscriptions + " subscriptions");
        }
        mails(run.recipient(), mail.to(run.recipient()), CustomerFlowOverHttp.RECIPIENT_MAILS, lost, dup);
        mails(run.adminEmail(), mail.to(run.adminEmail()), CustomerFlowOverHttp.ADMIN_MAILS, lost, dup);
        mails(run.partnerEmail(), mail.to(run.partnerEmail(), run::ofThisFlow), CustomerFlowOverHttp.PARTNER_MAILS,
                lost, dup);
    }

    private static void mails(String address, List<MailCatcher.Mail> of, int expected, List<String> lost,
            List<String> dup) {
        int got = of.size();
        if (got < expected) {
            lost.add(address + " received " + got + " of " + expected + " mails");
        } else if (got > expected) {
            dup.add(address + " received " + got + " mails, " + expected + " expected");
        }
    }

    /** Jobs executed successfully for these instances, and failed attempts. */
    long[] jobs(List<String> ids) {
        if (ids.isEmpty()) {
            return new long[] {0, 0};
        }
        Object[] args = ids.toArray();
        return new long[] {
                count("select count(distinct job_id_) from act_hi_job_log where job_state_ = 2 and process_instance_id_ "
                        + in(ids), args),
                count("select count(*) from act_hi_job_log where job_state_ = 1 and process_instance_id_ " + in(ids), args)};
    }

    /** External tasks completed for these instances. */
    long externalTasks(List<String> ids) {
        return ids.isEmpty() ? 0 : count("select count(*) from act_hi_ext_task_log where state_ = 2 and proc_inst_id_ "
                + in(ids), ids.toArray());
    }

    private long dueJobs(List<String> ids) {
        return count("select count(*) from act_ru_job where process_instance_id_ " + in(ids)
                + " and (duedate_ is null or duedate_ <= now() at time zone 'UTC' or exception_msg_ is not null)",
                ids.toArray());
    }

    private static String in(List<String> ids) {
        return "in (" + String.join(",", java.util.Collections.nCopies(ids.size(), "?")) + ")";
    }

    private long number(String sql, Object... args) {
        return count(sql, args);
    }

    private synchronized long count(String sql, Object... args) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private synchronized List<String> strings(String sql, Object... args) {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
