package dev.ticketing.testing;

import dagger.BindsInstance;
import dagger.Component;
import dev.ticketing.catalog.ConcertCatalog;
import dev.ticketing.sale.SaleTermsStore;
import dev.ticketing.queue.admission.AdmissionStore;
import dev.ticketing.queue.gate.GateStore;
import dev.ticketing.queue.join.JoinStore;
import dev.ticketing.config.Settings;
import dev.ticketing.queue.state.ArrivalPlaces;
import dev.ticketing.queue.state.RangeStore;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.queue.state.QueueStateCache;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.queue.state.ArrivalPlaces;
import dev.ticketing.queue.state.RangeStore;
import dev.ticketing.queue.placement.PlaceArrivals;
import dev.ticketing.queue.placement.PlacementStore;
import dev.ticketing.queue.round.QueueRound;
import dev.ticketing.queue.state.QueueStateCache;
import dev.ticketing.queue.gate.QueueGate;
import dev.ticketing.reservation.ExpiredHoldStore;
import dev.ticketing.reservation.HoldRelease;
import dev.ticketing.reservation.ReleaseExpiredHolds;
import dev.ticketing.reservation.ReservationStore;
import dev.ticketing.sale.SaleControlStore;
import dev.ticketing.wiring.AppComponent;
import dev.ticketing.wiring.AppModule;
import dev.ticketing.wiring.MetricsModule;
import dev.ticketing.wiring.StorageModule;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The production graph ({@link AppModule}) with what only tests (and the benchmarks) ask of it:
 * its clock and settings, one queue round or one step of maintenance alone, the gate alone, and
 * the stores, to read what a use case left behind. Handlers take it as the {@link AppComponent}
 * it is.
 */
@Singleton
@Component(modules = AppModule.class)
public interface TestComponent extends AppComponent {
  Clock clock();

  Settings settings();

  /** One round of the queue's maintenance alone, driven round by round. */
  QueueRound queueRound();

  ReleaseExpiredHolds releaseExpiredHolds();

  QueueGate queueGate();

  GateStore gateStore();

  JoinStore joinStore();

  AdmissionStore admissionStore();

  PlacementStore placementStore();

  QueueStateCache queueStateCache();

  ArrivalPlaces arrivalPlaces();

  RangeStore rangeStore();

  PlaceArrivals placeArrivals();

  ReservationStore reservationStore();

  ExpiredHoldStore expiredHoldStore();

  HoldRelease holdRelease();

  SaleControlStore saleControlStore();

  SaleTermsStore saleTermsStore();

  ConcertCatalog concertCatalog();

  static Builder builder() {
    return DaggerTestComponent.builder();
  }

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder settings(Settings settings);

    @BindsInstance
    Builder clock(Clock clock);

    Builder storageModule(StorageModule storage);

    Builder metricsModule(MetricsModule metrics);

    TestComponent build();
  }
}
