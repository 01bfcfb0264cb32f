-- bit: the luabit interface Scribunto ships (bit.bnot, band, bor, bxor, brshift, blshift,
-- bxor2, blogic_rshift, tobits, tonumb), here on top of bit32.  Written for wikibio.
return function ( mw, page, rt, env )
	local bit32 = env.require( 'bit32' )
	local bit = {}
	local function signed( x )
		if x >= 2^31 then return x - 2^32 end
		return x
	end
	bit.bnot = function ( x ) return bit32.bnot( x ) end
	bit.band = function ( a, b ) return bit32.band( a, b ) end
	bit.bor = function ( a, b ) return bit32.bor( a, b ) end
	bit.bxor = function ( a, b ) return bit32.bxor( a, b ) end
	bit.bxor2 = bit.bxor
	bit.brshift = function ( a, n ) return bit32.arshift( a, n ) end
	bit.blshift = function ( a, n ) return bit32.lshift( a, n ) end
	bit.blogic_rshift = function ( a, n ) return bit32.rshift( a, n ) end
	bit.tobits = function ( n )
		local t, i = {}, 1
		n = bit32.band( n, 2^32 - 1 )
		while n > 0 do
			t[i] = n % 2
			n = math.floor( n / 2 )
			i = i + 1
		end
		return t
	end
	bit.tonumb = function ( t )
		local n = 0
		for i = #t, 1, -1 do
			n = n * 2 + t[i]
		end
		return n
	end
	bit.signed = signed
	return bit
end
