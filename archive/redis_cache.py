"""Django's Redis cache, keeping one Redis client per connection pool.

Django's backend builds a new ``redis.Redis`` object for every cache call, and
building one fills a table of some 170 response callbacks: about a third of a
millisecond, more than the round trip to Redis. A page served from the cache makes
that call once per request, so the clients are kept. A ``redis.Redis`` object holds
no connection of its own (it borrows from its pool for each command) and is safe to
share between threads.
"""
from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
