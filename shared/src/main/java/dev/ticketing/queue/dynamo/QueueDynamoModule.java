package dev.ticketing.queue.dynamo;

import dagger.Binds;
import dagger.Module;
import dev.ticketing.queue.admission.AdmissionStore;
import dev.ticketing.queue.state.DrawChunkStore;
import dev.ticketing.sale.draw.DrawStore;
import dev.ticketing.queue.gate.GateStore;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.queue.state.QueueStateStore;
import dev.ticketing.queue.state.RangeStore;
import dev.ticketing.queue.state.StatusStore;

/** The queue's ports, bound to their DynamoDB adapters. */
@Module
public interface QueueDynamoModule {
  @Binds
  GateStore gateStore(DynamoGateStore dynamo);

  @Binds
  StatusStore statusStore(DynamoStatusStore dynamo);

  @Binds
  JoinStore joinStore(DynamoJoinStore dynamo);

  @Binds
  QueueStateStore queueStateStore(DynamoQueueStateStore dynamo);

  @Binds
  PlacementStore placementStore(DynamoPlacementStore dynamo);

  @Binds
  AdmissionStore admissionStore(DynamoAdmissionStore dynamo);

  @Binds
  DrawStore drawStore(DynamoDrawStore dynamo);

  @Binds
  DrawChunkStore drawChunkStore(DynamoDrawChunkStore dynamo);

  @Binds
  RangeStore rangeStore(DynamoRangeStore dynamo);
}
