/**
 * The images the reference blueprint runs, each pinned by tag and digest. Bumping an app is a
 * one-line change here; `requireImageDigests` environments reject an entry without its digest.
 */
export const IMAGES = {
  web: 'registry.example.com/storefront/web:2.14.1@sha256:f933748de4737d6226a6e6a54001b6d8086ae81a12945d031f444133f2307253',
  catalog:
    'registry.example.com/commerce/catalog:1.9.0@sha256:6757087418d63967c5d7397390f1af58786ffdc32e6a0b14324018b4f98b661e',
  checkout:
    'registry.example.com/commerce/checkout:3.2.4@sha256:1f710e7e8771b465b8a6023ea35151f90709f98eac67c8f250388fdc914e0c84',
  ordersDb:
    'registry.example.com/data/postgres:16.4-hardened@sha256:5f5f3813dff95dcc9d0eb0f262e1683ca061be7f157dcf238cfe91ab6166cc65',
  dbMigrate:
    'registry.example.com/commerce/checkout-migrations:3.2.4@sha256:e2fce1489320db3ea25c467547bf2ac80a774fc34d655f3dc4dbc29a8c1827d0',
  ledger:
    'registry.example.com/finance/ledger:5.0.2@sha256:f4dba054c7caf9583f67a5a0667c72f8f9be20fe88eaf370ff8a66e593fcee4c',
  invoiceExport:
    'registry.example.com/finance/invoice-export:1.3.0@sha256:447a95f51011d4f6e0a96b4d938ef175b92723d0324a923b4027c5301498724b',
  configWatcher:
    'registry.example.com/platform/config-watcher:0.8.1@sha256:993375583aa5042142e22974096c757292a11d63cc7655983838a749b4322ca2',
} as const;
