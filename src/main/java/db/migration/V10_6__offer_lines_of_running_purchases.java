package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The line bindings (V10_5) of the purchases that were inside their loop over the accepted lines when V10_5 arrived:
 * the line's later steps and the provisioning worker find the line by the binding, so the line a loop execution works
 * on (the one whose "Read the line" set {@code lineAction} on it, for the SKU of the loop's element then) is bound to
 * that execution, and the lines before it in line order — done by the loop already — are marked taken. On a new
 * database the engine's tables do not exist yet and there is nothing to do.
 */
public class V10_6__offer_lines_of_running_purchases extends BaseJavaMigration {

    /** Marks a line a loop finished before V10_5: taken, by no execution that still runs. */
    static final String DONE_BEFORE = "done-before-V10_5";

    @Override
    public void migrate(Context context) throws Exception {
        bind(context.getConnection());
    }

    /** Binds the lines of the running loops; returns how many lines were bound or marked. */
    public static int bind(Connection connection) throws SQLException {
        if (!exists(connection.getMetaData(), "act_ru_execution")) {
            return 0;
        }
        record Line(long acceptanceId, String executionId, String skuCode) {}
        List<Line> lines = new ArrayList<>();
        // the line's execution holds lineAction; the loop's element (skuCode) is on it or on its parent (the loop)
        try (PreparedStatement query = connection.prepareStatement("select r.acceptance_id, e.id_, "
                + "coalesce(mine.text_, elem.text_) from act_ru_variable a "
                + "join act_ru_execution e on e.id_ = a.execution_id_ "
                + "join pc_flow_request r on r.process_instance_id = e.proc_inst_id_ "
                + "left join act_ru_variable mine on mine.execution_id_ = e.id_ and mine.name_ = 'skuCode' "
                + "left join act_ru_variable elem on elem.execution_id_ = e.parent_id_ and elem.name_ = 'skuCode' "
                + "where a.name_ = 'lineAction' and r.process_key = 'purchaseOfferAcceptance' "
                + "and r.acceptance_id is not null");
                ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (rs.getString(3) != null) {
                    lines.add(new Line(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        int bound = 0;
        for (Line line : lines) {
            try (PreparedStatement update = connection.prepareStatement("update pc_offer_acceptance_line set "
                    + "execution_id = ? where acceptance_id = ? and sku_code = ? and execution_id is null")) {
                update.setString(1, line.executionId());
                update.setLong(2, line.acceptanceId());
                update.setString(3, line.skuCode());
                bound += update.executeUpdate();
            }
            try (PreparedStatement update = connection.prepareStatement("update pc_offer_acceptance_line set "
                    + "execution_id = ? where acceptance_id = ? and execution_id is null and line_no < "
                    + "(select line_no from pc_offer_acceptance_line where acceptance_id = ? and sku_code = ?)")) {
                update.setString(1, DONE_BEFORE);
                update.setLong(2, line.acceptanceId());
                update.setLong(3, line.acceptanceId());
                update.setString(4, line.skuCode());
                bound += update.executeUpdate();
            }
        }
        return bound;
    }

    private static boolean exists(DatabaseMetaData metadata, String table) throws SQLException {
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = metadata.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
