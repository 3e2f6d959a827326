package dev.replygate.schedule;

import org.quartz.CronTrigger;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

import java.util.Objects;

/** Whether a stored trigger already fires as a configured one would, so that a node starting keeps its timing. */
final class Schedules {

    private Schedules() {
    }

    static boolean same(Trigger stored, Trigger configured) {
        if (stored instanceof SimpleTrigger a && configured instanceof SimpleTrigger b) {
            return a.getRepeatInterval() == b.getRepeatInterval() && a.getRepeatCount() == b.getRepeatCount()
                    && a.getMisfireInstruction() == b.getMisfireInstruction();
        }
        if (stored instanceof CronTrigger a && configured instanceof CronTrigger b) {
            return Objects.equals(a.getCronExpression(), b.getCronExpression())
                    && Objects.equals(a.getTimeZone().getID(), b.getTimeZone().getID())
                    && a.getMisfireInstruction() == b.getMisfireInstruction();
        }
        return false;
    }
}
