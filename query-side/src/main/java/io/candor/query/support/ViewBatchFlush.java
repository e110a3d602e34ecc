package io.candor.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Sends the {@link ViewBatch}es of a processor's batch once its last event has been handled. It runs inside the
 * handling of that event, not in a commit phase: the tracking processor stores its token when the unit of work
 * prepares to commit, and a write that failed after the token was stored would lose the batch. Failing here, it
 * rolls the batch back and the processor handles it again.
 * <p>
 * An event whose handler failed and was parked as a dead letter makes the batch {@linkplain
 * ViewBatch#discardCurrent() discarded}: right after that event, this fails the unit of work instead, so that
 * nothing the failed handler staged is written; the processor handles the batch again, without the parked event.
 */
public final class ViewBatchFlush implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        Object result = interceptorChain.proceed();
        if (ViewBatch.isCurrentDiscarded()) {
            throw new ViewBatchDiscardedException();
        }
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            ViewBatch.flushCurrent();
        }
        return result;
    }
}
