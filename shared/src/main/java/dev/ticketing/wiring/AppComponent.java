package dev.ticketing.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.BindsInstance;
import dagger.Component;
import dev.ticketing.catalog.CatalogModule;
import dev.ticketing.catalog.ListBookableDates;
import dev.ticketing.catalog.ListConcerts;
import dev.ticketing.catalog.ShowSeatMap;
import dev.ticketing.catalog.seed.CatalogSeeder;
import dev.ticketing.config.Settings;
import dev.ticketing.log.JsonLog;
import dev.ticketing.maintenance.Maintenance;
import dev.ticketing.payment.ListPayments;
import dev.ticketing.payment.PayForReservation;
import dev.ticketing.payment.PaymentModule;
import dev.ticketing.payment.PaymentStore;
import dev.ticketing.queue.AdmitWaitingUsers;
import dev.ticketing.queue.JoinQueue;
import dev.ticketing.queue.QueueGate;
import dev.ticketing.queue.QueueModule;
import dev.ticketing.queue.QueueStatus;
import dev.ticketing.queue.QueueStore;
import dev.ticketing.reservation.ReleaseExpiredHolds;
import dev.ticketing.reservation.ReservationModule;
import dev.ticketing.reservation.ReservationStore;
import dev.ticketing.reservation.ReserveSeat;
import dev.ticketing.reservation.ShowReservation;
import dev.ticketing.storage.StoragePriming;
import dev.ticketing.wallet.ChargeBalance;
import dev.ticketing.wallet.GetBalance;
import dev.ticketing.wallet.WalletModule;
import dev.ticketing.wallet.WalletStore;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The object graph of one function instance, built at compile time by Dagger (no reflection at
 * start-up). Handlers take what they need from it; tests build it with their own modules.
 */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, CatalogModule.class, QueueModule.class,
    ReservationModule.class, WalletModule.class, PaymentModule.class})
public interface AppComponent {
  ObjectMapper objectMapper();

  JsonLog log();

  Clock clock();

  Settings settings();

  ListConcerts listConcerts();

  CatalogSeeder catalogSeeder();

  JoinQueue joinQueue();

  QueueStatus queueStatus();

  QueueGate queueGate();

  AdmitWaitingUsers admitWaitingUsers();

  QueueStore queueStore();

  ListBookableDates listBookableDates();

  ShowSeatMap showSeatMap();

  ReserveSeat reserveSeat();

  ShowReservation showReservation();

  ReleaseExpiredHolds releaseExpiredHolds();

  ReservationStore reservationStore();

  Maintenance maintenance();

  GetBalance getBalance();

  ChargeBalance chargeBalance();

  WalletStore walletStore();

  PayForReservation payForReservation();

  ListPayments listPayments();

  PaymentStore paymentStore();

  /** Read-only and always-refused DynamoDB calls for SnapStart priming. */
  StoragePriming storagePriming();

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

    AppComponent build();
  }
}
