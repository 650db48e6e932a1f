package dev.ticketing.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dev.ticketing.catalog.ListConcerts;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.config.Settings;
import dev.ticketing.domain.InstanceRandom;
import dev.ticketing.log.JsonLog;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.maintenance.MaintenanceRounds;
import dev.ticketing.metrics.Metrics;
import dev.ticketing.payment.ListPayments;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.queue.join.JoinQueue;
import dev.ticketing.queue.state.QueueBoard;
import dev.ticketing.queue.round.QueueRound;
import dev.ticketing.queue.state.QueueStatus;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.sale.ShowSaleStatus;
import dev.ticketing.queue.join.JoinQueue;
import dev.ticketing.queue.state.QueueBoard;
import dev.ticketing.queue.state.QueueStatus;
import dev.ticketing.sale.draw.ShowDraw;
import dev.ticketing.sale.ShowSaleStatus;
import dev.ticketing.reservation.ListBookableDates;
import dev.ticketing.reservation.ReleaseReservation;
import dev.ticketing.reservation.ReserveSeat;
import dev.ticketing.reservation.ShowReservation;
import dev.ticketing.reservation.ShowSeatMap;
import dev.ticketing.sale.OperateSale;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.wallet.ChargeBalance;
import dev.ticketing.wallet.GetBalance;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The object graph of one function instance, built at compile time by Dagger (no reflection at
 * start-up). Handlers take their use case from it; the local runtime and the benchmarks build it
 * on a client of their own. Tests use a graph of the same modules that also opens the stores.
 */
@Singleton
@Component(modules = AppModule.class)
public interface AppComponent {
  ObjectMapper objectMapper();

  JsonLog log();

  ListConcerts listConcerts();

  CatalogSeeder catalogSeeder();

  JoinQueue joinQueue();

  QueueStatus queueStatus();

  QueueBoard queueBoard();

  ShowDraw showDraw();

  /** The operators' commands ({@code concert-ops.jar}). */
  OperateSale operateSale();

  ShowSaleStatus showSaleStatus();

  ListBookableDates listBookableDates();

  ShowSeatMap showSeatMap();

  ReserveSeat reserveSeat();

  ShowReservation showReservation();

  ReleaseReservation releaseReservation();

  /** One round of every maintenance step, as the schedule runs it: the local {@code invoke --prepare}'s admission and draw. */
  Maintenance maintenance();

  MaintenanceRounds maintenanceRounds();

  GetBalance getBalance();

  ChargeBalance chargeBalance();

  PayForReservation payForReservation();

  ListPayments listPayments();

  /** Where use cases report what they did (CloudWatch Embedded Metric Format lines). */
  Metrics metrics();

  /** Read-only and always-refused DynamoDB calls for SnapStart priming. */
  StoragePriming storagePriming();

  /** Where shards, replicas and jitter come from; SnapStart's hooks reseed it so that restored instances differ. */
  InstanceRandom instanceRandom();

  /** The graph a deployed function uses: settings from its environment, the system clock. */
  static AppComponent fromEnvironment() {
    return builder().settings(Settings.fromEnvironment(System.getenv())).clock(Clock.systemUTC()).build();
  }

  static Builder builder() {
    return DaggerAppComponent.builder();
  }

  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder settings(Settings settings);

    @BindsInstance
    Builder clock(Clock clock);

    Builder storageModule(StorageModule storage);

    Builder metricsModule(MetricsModule metrics);

    AppComponent build();
  }
}
