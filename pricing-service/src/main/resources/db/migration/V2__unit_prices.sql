-- Charges billed by something other than a token (a request, an image, a second of audio, a web search): USD per
-- unit, written `unit=price,unit=price` (BillableUnits). LiteLLM's file prices 434 entries this way only.
alter table price_entry add column unit_prices text;
