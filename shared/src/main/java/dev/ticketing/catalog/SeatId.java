package dev.ticketing.catalog;

/** Which seat: seat {@code seatNo} of date {@code scheduleId} of concert {@code concertId}. */
public record SeatId(String concertId, String scheduleId, int seatNo) {}
